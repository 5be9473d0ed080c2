using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using MQTTnet.Server;

namespace Edge.Host.Broker
{
    /// <summary>
    /// An in-process MQTT broker (MQTTnet server) for the simulator and tests. It takes anonymous clients, so by
    /// default it listens on the loopback addresses only (127.0.0.1 and, where the machine has it, ::1): nothing
    /// beyond this machine can reach it unless other addresses are asked for. It keeps the sessions of clients that
    /// ask for it, in memory, as mosquitto does.
    /// </summary>
    public sealed class EmbeddedBroker : IAsyncDisposable
    {
        private readonly MqttServer _server;

        private EmbeddedBroker(MqttServer server, int port, IReadOnlyList<IPEndPoint> endpoints)
        {
            _server = server;
            Port = port;
            Endpoints = endpoints;
            IPAddress first = endpoints[0].Address;
            // A client on this machine reaches an all-interfaces listener through loopback.
            Host = (first.Equals(IPAddress.Any) ? IPAddress.Loopback : first.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : first).ToString();
        }

        /// <summary>Where a client on this machine connects.</summary>
        public string Host { get; }

        public int Port { get; }

        /// <summary>The addresses and port it listens on.</summary>
        public IReadOnlyList<IPEndPoint> Endpoints { get; }

        /// <summary>True when only this machine can connect.</summary>
        public bool LoopbackOnly
        {
            get
            {
                foreach (IPEndPoint endpoint in Endpoints)
                {
                    if (!IPAddress.IsLoopback(endpoint.Address))
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>Starts a broker on the given port (0 picks a free one) of the loopback addresses.</summary>
        public static Task<EmbeddedBroker> StartAsync(int port) => StartAsync(port, null);

        /// <summary>
        /// Starts a broker on the given port (0 picks a free one) of the given addresses, at most one IPv4 and one
        /// IPv6 (0.0.0.0 and :: are every interface of their family); null is loopback only. Throws
        /// InvalidOperationException saying why when it cannot listen.
        /// </summary>
        public static async Task<EmbeddedBroker> StartAsync(int port, IReadOnlyList<IPAddress>? listen)
        {
            if (port == 0)
            {
                port = FreeLoopbackPort();
            }

            IPAddress? v4 = listen is null ? IPAddress.Loopback : null;
            IPAddress? v6 = listen is null && HasIPv6Loopback() ? IPAddress.IPv6Loopback : null;
            foreach (IPAddress address in listen ?? [])
            {
                if (address.AddressFamily == AddressFamily.InterNetwork && v4 is null)
                {
                    v4 = address;
                }
                else if (address.AddressFamily == AddressFamily.InterNetworkV6 && v6 is null)
                {
                    v6 = address;
                }
                else
                {
                    // MQTTnet binds one address per family.
                    throw new ArgumentException($"at most one IPv4 and one IPv6 address to listen on, not {address} as well", nameof(listen));
                }
            }

            var endpoints = new List<IPEndPoint>();
            if (v4 is not null)
            {
                endpoints.Add(new IPEndPoint(v4, port));
            }

            if (v6 is not null)
            {
                endpoints.Add(new IPEndPoint(v6, port));
            }

            if (endpoints.Count == 0)
            {
                throw new ArgumentException("no address to listen on", nameof(listen));
            }

            // IPAddress.None turns a family's listener off. Persistent sessions: a client that connects without a
            // clean session (MQTT 3.1.1 section 3.1.2.4; MQTT 5 Clean Start 0 with a Session Expiry Interval,
            // section 3.1.2.11) keeps its subscriptions and gets the QoS 1 messages queued while it was away, as
            // mosquitto does; MQTTnet drops every session at disconnection unless told otherwise. Kept in memory:
            // a restarted broker has none.
            var options = new MqttServerOptionsBuilder()
                .WithPersistentSessions()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(v4 ?? IPAddress.None)
                .WithDefaultEndpointBoundIPV6Address(v6 ?? IPAddress.None)
                .WithDefaultEndpointPort(port)
                .WithPersistentSessions(true)
                .Build();
            var factory = new MqttServerFactory();
            MqttServer server = factory.CreateMqttServer(options, ClientIdAssignment.Wrap(factory));
            server.ValidatingConnectionAsync += ClientIdAssignment.AssignToMqtt5Clients;
            try
            {
                await server.StartAsync().ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                server.Dispose();
                throw new InvalidOperationException(WhyNotListening(e, port, endpoints), e);
            }

            return new EmbeddedBroker(server, port, endpoints);
        }

        /// <summary>
        /// A TCP port free a moment ago on 127.0.0.1 and, where the machine has it, on ::1: the broker listens on both.
        /// Taken below Linux's ephemeral range (net.ipv4.ip_local_port_range, 32768-60999 by default), where a port
        /// the OS picks could be handed at the same moment to another program's outgoing connection on the other
        /// address family, and the broker's start would then fail on a port that had looked free.
        /// </summary>
        public static int FreeLoopbackPort()
        {
            for (int attempt = 0; attempt < 200; attempt++)
            {
                int port = Random.Shared.Next(20000, 32000);
                if (IsFree(IPAddress.Loopback, port) && (!HasIPv6Loopback() || IsFree(IPAddress.IPv6Loopback, port)))
                {
                    // Never the same port twice in one process: two brokers started at once must not pick alike.
                    lock (HandedOut)
                    {
                        if (HandedOut.Add(port))
                        {
                            return port;
                        }
                    }
                }
            }

            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static readonly HashSet<int> HandedOut = new();

        private static bool IsFree(IPAddress address, int port)
        {
            try
            {
                using var listener = new TcpListener(address, port);
                listener.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        /// <summary>"127.0.0.1:1883 and [::1]:1883".</summary>
        public static string Describe(IReadOnlyList<IPEndPoint> endpoints) =>
            endpoints.Count == 1 ? endpoints[0].ToString() : $"{endpoints[0]} and {endpoints[1]}";

        public async ValueTask DisposeAsync()
        {
            await _server.StopAsync(new MqttServerStopOptionsBuilder().Build()).ConfigureAwait(false);
            _server.Dispose();
        }

        /// <summary>Some machines (containers) have IPv6 turned off: loopback is then 127.0.0.1 alone.</summary>
        private static bool HasIPv6Loopback()
        {
            if (!Socket.OSSupportsIPv6)
            {
                return false;
            }

            try
            {
                using var probe = new TcpListener(IPAddress.IPv6Loopback, 0);
                probe.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        private static string WhyNotListening(SocketException e, int port, IReadOnlyList<IPEndPoint> endpoints) => e.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => $"port {port} is already in use on {Describe(endpoints)} (another broker?); choose another with --port",
            SocketError.AccessDenied => $"not allowed to listen on port {port} (ports below 1024 need privileges); choose another with --port",
            SocketError.AddressNotAvailable => $"cannot listen on {Describe(endpoints)}: not an address of this machine; choose one of its own with --listen",
            _ => $"cannot listen on {Describe(endpoints)}: {e.Message}",
        };
    }
}
