using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// A TCP relay between MQTT clients and a broker that plays the network's faults: it forwards whole MQTT control
    /// packets (fixed header, MQTT 3.1.1 section 2.2) and counts them by type and direction, and on demand cuts
    /// every connection and refuses new ones (a network outage), swallows everything while keeping connections
    /// open (a black hole: the connection looks up, nothing arrives), or swallows only the broker's PUBACKs.
    /// </summary>
    internal sealed class MqttProxy : IAsyncDisposable
    {
        /// <summary>MQTT control packet types (MQTT 3.1.1 table 2.1).</summary>
        public const int PubAck = 4;
        public const int PingReq = 12;
        public const int PingResp = 13;

        private readonly TcpListener _listener;
        private readonly string _brokerHost;
        private readonly int _brokerPort;
        private readonly CancellationTokenSource _stop = new();
        private readonly List<TcpClient> _connections = new();
        private readonly int[] _toBroker = new int[16];
        private readonly int[] _toClient = new int[16];
        private readonly Task _accepting;

        private MqttProxy(string brokerHost, int brokerPort)
        {
            _brokerHost = brokerHost;
            _brokerPort = brokerPort;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accepting = Task.Run(AcceptAsync);
        }

        public string Host => "127.0.0.1";

        public int Port { get; }

        /// <summary>True: every connection was cut and new ones are closed as soon as they are accepted.</summary>
        public bool Refusing { get; private set; }

        /// <summary>True: nothing is forwarded either way, and connections stay open.</summary>
        public bool BlackHole { get; set; }

        /// <summary>True: the broker's PUBACKs are not forwarded; everything else is.</summary>
        public bool DropPubAcks { get; set; }

        public static MqttProxy Start(string brokerHost, int brokerPort) => new(brokerHost, brokerPort);

        /// <summary>Packets of that type forwarded from the clients to the broker.</summary>
        public int ToBroker(int type) => Volatile.Read(ref _toBroker[type]);

        /// <summary>Packets of that type forwarded from the broker to the clients.</summary>
        public int ToClient(int type) => Volatile.Read(ref _toClient[type]);

        /// <summary>A network outage: every connection is closed, new ones too.</summary>
        public void Cut()
        {
            Refusing = true;
            CloseAll();
        }

        /// <summary>The network is back: connections are relayed again, faithfully.</summary>
        public void Restore()
        {
            BlackHole = false;
            DropPubAcks = false;
            Refusing = false;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            CloseAll();
            try
            {
                await _accepting.ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
            }

            _stop.Dispose();
        }

        private void CloseAll()
        {
            lock (_connections)
            {
                foreach (TcpClient connection in _connections)
                {
                    connection.Dispose();
                }

                _connections.Clear();
            }
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
                if (Refusing)
                {
                    client.Dispose();
                    continue;
                }

                var broker = new TcpClient();
                try
                {
                    await broker.ConnectAsync(_brokerHost, _brokerPort, _stop.Token).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    client.Dispose();
                    broker.Dispose();
                    continue;
                }

                lock (_connections)
                {
                    _connections.Add(client);
                    _connections.Add(broker);
                }

                _ = Task.Run(() => PumpAsync(client, broker, _toBroker, toClient: false));
                _ = Task.Run(() => PumpAsync(broker, client, _toClient, toClient: true));
            }
        }

        private async Task PumpAsync(TcpClient from, TcpClient to, int[] counts, bool toClient)
        {
            try
            {
                Stream input = from.GetStream();
                Stream output = to.GetStream();
                while (true)
                {
                    byte[]? packet = await ReadPacketAsync(input).ConfigureAwait(false);
                    if (packet is null)
                    {
                        break;
                    }

                    int type = packet[0] >> 4;
                    if (BlackHole || (toClient && DropPubAcks && type == PubAck))
                    {
                        continue;
                    }

                    Interlocked.Increment(ref counts[type]);
                    await output.WriteAsync(packet).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // One side went away.
            }

            from.Dispose();
            to.Dispose();
        }

        /// <summary>One control packet: the first byte, the remaining length (1 to 4 bytes, MQTT 3.1.1 section
        /// 2.2.3) and that many bytes; null at the end of the stream.</summary>
        private static async Task<byte[]?> ReadPacketAsync(Stream input)
        {
            var header = new List<byte>(5);
            byte[] one = new byte[1];
            if (await input.ReadAsync(one).ConfigureAwait(false) == 0)
            {
                return null;
            }

            header.Add(one[0]);
            int length = 0;
            int multiplier = 1;
            do
            {
                if (await input.ReadAsync(one).ConfigureAwait(false) == 0)
                {
                    return null;
                }

                header.Add(one[0]);
                length += (one[0] & 0x7F) * multiplier;
                multiplier *= 128;
            }
            while ((one[0] & 0x80) != 0);

            byte[] packet = new byte[header.Count + length];
            header.CopyTo(packet);
            int read = header.Count;
            while (read < packet.Length)
            {
                int got = await input.ReadAsync(packet.AsMemory(read)).ConfigureAwait(false);
                if (got == 0)
                {
                    return null;
                }

                read += got;
            }

            return packet;
        }
    }
}
