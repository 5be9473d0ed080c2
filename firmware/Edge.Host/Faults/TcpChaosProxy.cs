using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;

namespace Edge.Host.Faults
{
    /// <summary>What a <see cref="TcpChaosProxy"/> does with the traffic and connections it is given.</summary>
    public enum ChaosMode
    {
        /// <summary>Forwards every byte both ways, connects each new client to the upstream.</summary>
        PassThrough,

        /// <summary>A frozen broker: nothing is forwarded either way, sockets stay open, bytes wait (TCP backpressure
        /// once the buffers fill) and flow again on <see cref="TcpChaosProxy.Restore"/>.</summary>
        Stall,

        /// <summary>A dead route: whatever either side sends is read and thrown away; new connections complete the
        /// TCP handshake (the kernel does that on loopback) and then never get a byte back.</summary>
        BlackHole,

        /// <summary>Not listening: connecting is refused (RST); connections already made carry on.</summary>
        Refuse,
    }

    /// <summary>
    /// A TCP proxy on 127.0.0.1 in front of a broker, whose faults a test switches at any moment: <see cref="Cut"/>
    /// (every connection reset at once), <see cref="Stall"/>, <see cref="BlackHole"/>, <see cref="Refuse"/>, and
    /// <see cref="Restore"/> back to pass-through. Counts connections and bytes per direction.
    /// </summary>
    public sealed class TcpChaosProxy : IAsyncDisposable
    {
        private const int BufferBytes = 16 * 1024;

        private readonly string _upstreamHost;
        private readonly int _upstreamPort;
        private readonly object _gate = new();
        private readonly HashSet<Link> _links = new();
        private readonly CancellationTokenSource _disposed = new();
        private TcpListener? _listener;
        private Task _accepting = Task.CompletedTask;
        private TaskCompletionSource _modeChanged = NewSignal();
        private ChaosMode _mode = ChaosMode.PassThrough;
        private long _bytesToUpstream;
        private long _bytesToClient;
        private long _discardedFromClient;
        private long _discardedFromUpstream;
        private long _accepted;
        private long _upstreamConnections;
        private long _upstreamFailures;
        private long _reset;

        private TcpChaosProxy(string upstreamHost, int upstreamPort, int port)
        {
            _upstreamHost = upstreamHost;
            _upstreamPort = upstreamPort;
            Port = port;
        }

        /// <summary>Always 127.0.0.1: the proxy is reachable from this machine only.</summary>
        public string Host => "127.0.0.1";

        /// <summary>The port clients connect to; the same for the proxy's whole life, also across <see cref="Refuse"/>.</summary>
        public int Port { get; }

        /// <summary>The broker behind the proxy.</summary>
        public string Upstream => $"{_upstreamHost}:{_upstreamPort}";

        public ChaosMode Mode
        {
            get
            {
                lock (_gate)
                {
                    return _mode;
                }
            }
        }

        /// <summary>Bytes forwarded from clients to the upstream.</summary>
        public long BytesToUpstream => Interlocked.Read(ref _bytesToUpstream);

        /// <summary>Bytes forwarded from the upstream to clients.</summary>
        public long BytesToClient => Interlocked.Read(ref _bytesToClient);

        /// <summary>Bytes clients sent that a black hole threw away.</summary>
        public long DiscardedFromClient => Interlocked.Read(ref _discardedFromClient);

        /// <summary>Bytes the upstream sent that a black hole threw away.</summary>
        public long DiscardedFromUpstream => Interlocked.Read(ref _discardedFromUpstream);

        /// <summary>Client connections accepted, in any mode.</summary>
        public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

        /// <summary>Connections the proxy opened to the upstream.</summary>
        public long UpstreamConnections => Interlocked.Read(ref _upstreamConnections);

        /// <summary>Client connections closed because the upstream could not be reached (a broker that is down).</summary>
        public long UpstreamFailures => Interlocked.Read(ref _upstreamFailures);

        /// <summary>Connections the proxy reset: by <see cref="Cut"/>, and those a black hole had taken bytes from when it ended.</summary>
        public long ConnectionsReset => Interlocked.Read(ref _reset);

        /// <summary>Client connections open now.</summary>
        public int OpenConnections
        {
            get
            {
                lock (_gate)
                {
                    return _links.Count;
                }
            }
        }

        /// <summary>Starts forwarding 127.0.0.1:<paramref name="port"/> (0: a free port) to the upstream.</summary>
        public static TcpChaosProxy Start(string upstreamHost, int upstreamPort, int port = 0)
        {
            var proxy = new TcpChaosProxy(upstreamHost, upstreamPort, port == 0 ? EmbeddedBroker.FreeLoopbackPort() : port);
            proxy.Listen();
            return proxy;
        }

        /// <summary>Resets every open connection at once (RST to both the client and the upstream), as a broken
        /// cable or a crashed middlebox would; the mode stays as it was, so new connections are served as before.</summary>
        public void Cut()
        {
            foreach (Link link in Snapshot())
            {
                link.Reset();
                Interlocked.Increment(ref _reset);
            }
        }

        /// <summary>Stops forwarding both ways; sockets stay open and new connections are accepted and held.</summary>
        public void Stall() => SetMode(ChaosMode.Stall);

        /// <summary>Throws away whatever arrives from either side; new connections are accepted and never answered.</summary>
        public void BlackHole() => SetMode(ChaosMode.BlackHole);

        /// <summary>Stops listening, so that connecting is refused; open connections carry on.</summary>
        public void Refuse()
        {
            lock (_gate)
            {
                _listener?.Stop();
                _listener = null;
            }

            SetMode(ChaosMode.Refuse);
        }

        /// <summary>
        /// Back to pass-through, listening again on the same port. Stalled bytes flow on. A connection that a black
        /// hole took bytes from, or that was made during the black hole, is reset: its byte stream has a hole that
        /// no protocol above can mend, as a TCP connection over a route that stayed dead would time out.
        /// </summary>
        public void Restore()
        {
            ChaosMode before = Mode;
            if (before == ChaosMode.BlackHole)
            {
                foreach (Link link in Snapshot())
                {
                    if (link.LostBytes || link.Upstream is null)
                    {
                        link.Reset();
                        Interlocked.Increment(ref _reset);
                    }
                }
            }

            if (before == ChaosMode.Refuse)
            {
                Listen();
            }

            SetMode(ChaosMode.PassThrough);
        }

        /// <summary>Waits until <paramref name="condition"/> holds (checked every 20 ms); false if it did not within <paramref name="timeout"/>.</summary>
        public async Task<bool> WaitUntilAsync(Func<TcpChaosProxy, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition(this))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(20).ConfigureAwait(false);
            }

            return true;
        }

        public async ValueTask DisposeAsync()
        {
            _disposed.Cancel();
            lock (_gate)
            {
                _listener?.Stop();
                _listener = null;
                _modeChanged.TrySetResult();
            }

            foreach (Link link in Snapshot())
            {
                link.Close();
            }

            try
            {
                await _accepting.ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The listener was stopped under the accept loop: that is how it ends.
            }

            _disposed.Dispose();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private void SetMode(ChaosMode mode)
        {
            TaskCompletionSource changed;
            lock (_gate)
            {
                _mode = mode;
                changed = _modeChanged;
                _modeChanged = NewSignal();
            }

            changed.TrySetResult();
        }

        /// <summary>The mode and the signal that it changes, read together so that no change is missed.</summary>
        private (ChaosMode Mode, Task Changed) Current()
        {
            lock (_gate)
            {
                return (_mode, _modeChanged.Task);
            }
        }

        private Link[] Snapshot()
        {
            lock (_gate)
            {
                var links = new Link[_links.Count];
                _links.CopyTo(links);
                return links;
            }
        }

        private void Listen()
        {
            var listener = new TcpListener(IPAddress.Loopback, Port);
            // Back on the same port at once, though connections of the previous listener may linger in TIME_WAIT.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            lock (_gate)
            {
                _listener = listener;
            }

            _accepting = AcceptAsync(listener);
        }

        private async Task AcceptAsync(TcpListener listener)
        {
            while (!_disposed.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptSocketAsync(_disposed.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                {
                    return; // stopped by Refuse or DisposeAsync
                }

                Interlocked.Increment(ref _accepted);
                client.NoDelay = true;
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(Socket client)
        {
            var link = new Link(client);
            lock (_gate)
            {
                _links.Add(link);
            }

            try
            {
                // Connections made into a black hole are never connected through: their client waits for nothing.
                if (Mode == ChaosMode.BlackHole)
                {
                    await DiscardAsync(link).ConfigureAwait(false);
                    return;
                }

                var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await upstream.ConnectAsync(_upstreamHost, _upstreamPort, link.Closing).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The broker is down: the client sees its connection reset, as it would connecting to it directly.
                    upstream.Dispose();
                    Interlocked.Increment(ref _upstreamFailures);
                    link.Reset();
                    return;
                }

                Interlocked.Increment(ref _upstreamConnections);
                link.Upstream = upstream;
                Task toUpstream = PumpAsync(link, client, upstream, new Counter(this, toUpstream: true));
                Task toClient = PumpAsync(link, upstream, client, new Counter(this, toUpstream: false));
                await Task.WhenAny(toUpstream, toClient).ConfigureAwait(false);
                link.Close();
                await Task.WhenAll(toUpstream, toClient).ConfigureAwait(false);
            }
            finally
            {
                link.Close();
                lock (_gate)
                {
                    _links.Remove(link);
                }
            }
        }

        /// <summary>A client met by a black hole: read and drop until it goes or the black hole ends (then Restore resets it).</summary>
        private async Task DiscardAsync(Link link)
        {
            byte[] buffer = new byte[BufferBytes];
            try
            {
                while (true)
                {
                    int read = await link.Client.ReceiveAsync(buffer, SocketFlags.None, link.Closing).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    link.LostBytes = true;
                    Interlocked.Add(ref _discardedFromClient, read);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Reset or closed.
            }
        }

        private async Task PumpAsync(Link link, Socket from, Socket to, Counter counter)
        {
            byte[] buffer = new byte[BufferBytes];
            try
            {
                while (true)
                {
                    int read = await from.ReceiveAsync(buffer, SocketFlags.None, link.Closing).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return; // that side closed: ServeAsync closes the other
                    }

                    while (true)
                    {
                        (ChaosMode mode, Task changed) = Current();
                        if (mode == ChaosMode.BlackHole)
                        {
                            link.LostBytes = true;
                            counter.Discarded(read);
                            break;
                        }

                        if (mode == ChaosMode.Stall)
                        {
                            // Hold the bytes; not reading further lets TCP push back on the sender.
                            await changed.WaitAsync(link.Closing).ConfigureAwait(false);
                            continue;
                        }

                        int sent = 0;
                        while (sent < read)
                        {
                            sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, link.Closing).ConfigureAwait(false);
                        }

                        counter.Forwarded(read);
                        break;
                    }
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Reset, cut or closed.
            }
        }

        /// <summary>Adds to the byte counters of one direction.</summary>
        private readonly struct Counter
        {
            private readonly TcpChaosProxy _proxy;
            private readonly bool _toUpstream;

            public Counter(TcpChaosProxy proxy, bool toUpstream)
            {
                _proxy = proxy;
                _toUpstream = toUpstream;
            }

            public void Forwarded(int bytes)
            {
                if (_toUpstream)
                {
                    Interlocked.Add(ref _proxy._bytesToUpstream, bytes);
                }
                else
                {
                    Interlocked.Add(ref _proxy._bytesToClient, bytes);
                }
            }

            public void Discarded(int bytes)
            {
                if (_toUpstream)
                {
                    Interlocked.Add(ref _proxy._discardedFromClient, bytes);
                }
                else
                {
                    Interlocked.Add(ref _proxy._discardedFromUpstream, bytes);
                }
            }
        }

        /// <summary>One client connection and, once connected through, its upstream connection.</summary>
        private sealed class Link
        {
            private readonly CancellationTokenSource _closing = new();
            private int _closed;

            public Link(Socket client)
            {
                Client = client;
            }

            public Socket Client { get; }

            public Socket? Upstream { get; set; }

            /// <summary>True once a black hole threw away bytes of this connection.</summary>
            public volatile bool LostBytes;

            public CancellationToken Closing => _closing.Token;

            /// <summary>Closes both sockets with an RST (linger 0), not the orderly FIN.</summary>
            public void Reset()
            {
                if (Interlocked.Exchange(ref _closed, 1) != 0)
                {
                    return;
                }

                Abort(Client);
                if (Upstream is { } upstream)
                {
                    Abort(upstream);
                }

                _closing.Cancel();
            }

            /// <summary>Closes both sockets in the orderly way (FIN), as when one side went.</summary>
            public void Close()
            {
                if (Interlocked.Exchange(ref _closed, 1) != 0)
                {
                    return;
                }

                _closing.Cancel();
                Client.Dispose();
                Upstream?.Dispose();
            }

            private static void Abort(Socket socket)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Already gone.
                }

                socket.Dispose();
            }
        }
    }
}
