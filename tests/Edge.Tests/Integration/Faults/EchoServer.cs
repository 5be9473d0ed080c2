using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>A TCP server on 127.0.0.1 that sends back every byte it receives, and counts what it saw.</summary>
    internal sealed class EchoServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly HashSet<Socket> _open = new();
        private readonly Task _accepting;
        private long _bytes;
        private long _accepted;

        private EchoServer(TcpListener listener)
        {
            _listener = listener;
            _accepting = AcceptAsync();
        }

        public string Host => "127.0.0.1";

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Bytes received (and echoed) over all connections.</summary>
        public long BytesReceived => Interlocked.Read(ref _bytes);

        public long ConnectionsAccepted => Interlocked.Read(ref _accepted);

        public int OpenConnections
        {
            get
            {
                lock (_open)
                {
                    return _open.Count;
                }
            }
        }

        public static EchoServer Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, EmbeddedBroker.FreeLoopbackPort());
            listener.Start();
            return new EchoServer(listener);
        }

        /// <summary>Sends the bytes on every open connection, unasked (as a broker sends a queued message).</summary>
        public void Broadcast(byte[] bytes)
        {
            Socket[] open;
            lock (_open)
            {
                open = [.. _open];
            }

            foreach (Socket socket in open)
            {
                socket.Send(bytes);
            }
        }

        public async Task<bool> WaitUntilAsync(Func<EchoServer, bool> condition, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition(this))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(20);
            }

            return true;
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            lock (_open)
            {
                foreach (Socket socket in _open)
                {
                    socket.Dispose();
                }
            }

            try
            {
                await _accepting;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Stopped under the accept loop.
            }

            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_open)
                {
                    _open.Add(socket);
                }

                _ = EchoAsync(socket);
            }
        }

        private async Task EchoAsync(Socket socket)
        {
            byte[] buffer = new byte[8192];
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    Interlocked.Add(ref _bytes, read);
                    int sent = 0;
                    while (sent < read)
                    {
                        sent += await socket.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, _stop.Token);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // The peer reset or the server stopped.
            }
            finally
            {
                lock (_open)
                {
                    _open.Remove(socket);
                }

                socket.Dispose();
            }
        }
    }
}
