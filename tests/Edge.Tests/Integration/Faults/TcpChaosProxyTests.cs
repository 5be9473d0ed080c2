using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Host.Faults;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>Each mode of the chaos proxy, in front of a plain echo server.</summary>
    public class TcpChaosProxyTests
    {
        /// <summary>Long enough for a loaded 2-core machine to do what is awaited.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        /// <summary>How long "nothing arrives" is watched: nothing is expected, so this only bounds the test's time.</summary>
        private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

        [Fact]
        public async Task Passes_bytes_through_both_ways_and_counts_them()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            using Socket client = await ConnectAsync(proxy.Port);

            byte[] sent = Encoding.ASCII.GetBytes(new string('x', 40_000));
            await SendAsync(client, sent);
            byte[] echoed = await ReceiveExactlyAsync(client, sent.Length);

            Assert.Equal(sent, echoed);
            Assert.True(await proxy.WaitUntilAsync(p => p.BytesToUpstream == sent.Length && p.BytesToClient == sent.Length, Patience), $"to upstream {proxy.BytesToUpstream}, to client {proxy.BytesToClient}");
            Assert.Equal(1, proxy.ConnectionsAccepted);
            Assert.Equal(1, proxy.UpstreamConnections);
            Assert.Equal(ChaosMode.PassThrough, proxy.Mode);
        }

        [Fact]
        public async Task Cut_resets_every_connection_at_once_and_serves_new_ones_after()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            var clients = new List<Socket>();
            for (int i = 0; i < 3; i++)
            {
                Socket client = await ConnectAsync(proxy.Port);
                clients.Add(client);
                await RoundTripAsync(client, "hello " + i);
            }

            proxy.Cut();

            foreach (Socket client in clients)
            {
                SocketError error = await ReceiveErrorAsync(client);
                Assert.Equal(SocketError.ConnectionReset, error);
                client.Dispose();
            }

            Assert.Equal(3, proxy.ConnectionsReset);
            Assert.True(await echo.WaitUntilAsync(e => e.OpenConnections == 0, Patience), "the upstream side was reset too");
            using Socket after = await ConnectAsync(proxy.Port);
            await RoundTripAsync(after, "again");
        }

        [Fact]
        public async Task Stall_holds_bytes_both_ways_on_open_sockets_and_they_flow_on_restore()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            using Socket early = await ConnectAsync(proxy.Port);
            await RoundTripAsync(early, "before");
            long echoedBefore = echo.BytesReceived;

            proxy.Stall();
            await SendAsync(early, Encoding.ASCII.GetBytes("during"));
            using Socket late = await ConnectAsync(proxy.Port); // accepted and held
            await SendAsync(late, Encoding.ASCII.GetBytes("late"));

            Assert.Null(await TryReceiveAsync(early, Quiet));
            Assert.Null(await TryReceiveAsync(late, TimeSpan.FromMilliseconds(100)));
            Assert.Equal(echoedBefore, echo.BytesReceived);
            Assert.Equal(ChaosMode.Stall, proxy.Mode);
            Assert.Equal(2, proxy.OpenConnections);

            proxy.Restore();

            Assert.Equal("during", Encoding.ASCII.GetString(await ReceiveExactlyAsync(early, 6)));
            Assert.Equal("late", Encoding.ASCII.GetString(await ReceiveExactlyAsync(late, 4)));
            Assert.Equal(0, proxy.ConnectionsReset);
        }

        [Fact]
        public async Task BlackHole_discards_what_either_side_sends_holds_new_connections_silent_and_restore_resets_them()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            using Socket early = await ConnectAsync(proxy.Port);
            await RoundTripAsync(early, "before");
            long echoedBefore = echo.BytesReceived;

            proxy.BlackHole();
            await SendAsync(early, Encoding.ASCII.GetBytes("lost"));
            Assert.True(await proxy.WaitUntilAsync(p => p.DiscardedFromClient == 4, Patience), $"discarded {proxy.DiscardedFromClient}");

            // A new connection: the handshake completes, but no byte ever comes back and the server never hears of it.
            using Socket late = await ConnectAsync(proxy.Port);
            await SendAsync(late, Encoding.ASCII.GetBytes("CONNECT"));
            Assert.True(await proxy.WaitUntilAsync(p => p.DiscardedFromClient == 11, Patience), $"discarded {proxy.DiscardedFromClient}");
            Assert.Null(await TryReceiveAsync(early, Quiet));
            Assert.Null(await TryReceiveAsync(late, TimeSpan.FromMilliseconds(100)));
            Assert.Equal(echoedBefore, echo.BytesReceived);
            Assert.Equal(1, echo.ConnectionsAccepted);
            Assert.Equal(2, proxy.ConnectionsAccepted);

            proxy.Restore();

            // Both streams have a hole in them: reset, not resumed.
            Assert.Equal(SocketError.ConnectionReset, await ReceiveErrorAsync(early));
            Assert.Equal(SocketError.ConnectionReset, await ReceiveErrorAsync(late));
            Assert.Equal(2, proxy.ConnectionsReset);
            using Socket after = await ConnectAsync(proxy.Port);
            await RoundTripAsync(after, "again");
        }

        [Fact]
        public async Task BlackHole_also_discards_what_the_upstream_sends()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            using Socket client = await ConnectAsync(proxy.Port);
            await RoundTripAsync(client, "ping");
            Assert.True(await echo.WaitUntilAsync(e => e.OpenConnections == 1, Patience));

            proxy.BlackHole();
            echo.Broadcast(Encoding.ASCII.GetBytes("unsolicited"));

            Assert.True(await proxy.WaitUntilAsync(p => p.DiscardedFromUpstream == 11, Patience), $"discarded {proxy.DiscardedFromUpstream}");
            Assert.Null(await TryReceiveAsync(client, Quiet));
        }

        [Fact]
        public async Task Refuse_stops_listening_keeps_open_connections_and_restore_listens_again_on_the_same_port()
        {
            await using var echo = EchoServer.Start();
            await using var proxy = TcpChaosProxy.Start(echo.Host, echo.Port);
            using Socket open = await ConnectAsync(proxy.Port);
            await RoundTripAsync(open, "before");

            proxy.Refuse();

            var refused = await Assert.ThrowsAsync<SocketException>(() => ConnectAsync(proxy.Port));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            await RoundTripAsync(open, "still here");

            proxy.Restore();

            using Socket after = await ConnectAsync(proxy.Port);
            await RoundTripAsync(after, "again");
            Assert.Equal(2, proxy.ConnectionsAccepted);
        }

        [Fact]
        public async Task A_client_is_reset_when_the_upstream_cannot_be_reached()
        {
            int nobody = EmbeddedBroker.FreeLoopbackPort();
            await using var proxy = TcpChaosProxy.Start("127.0.0.1", nobody);
            SocketError seen;
            try
            {
                using Socket client = await ConnectAsync(proxy.Port);
                seen = await ReceiveErrorAsync(client);
            }
            catch (SocketException e)
            {
                // The reset can come before the connect's completion is looked at: then the connect reports it.
                seen = e.SocketErrorCode;
            }

            Assert.Equal(SocketError.ConnectionReset, seen);
            Assert.True(await proxy.WaitUntilAsync(p => p.UpstreamFailures == 1, Patience));
        }

        private static async Task<Socket> ConnectAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = new CancellationTokenSource(Patience);
                await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        private static async Task SendAsync(Socket socket, byte[] bytes)
        {
            int sent = 0;
            while (sent < bytes.Length)
            {
                sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None);
            }
        }

        private static async Task RoundTripAsync(Socket socket, string text)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(text);
            await SendAsync(socket, bytes);
            Assert.Equal(text, Encoding.ASCII.GetString(await ReceiveExactlyAsync(socket, bytes.Length)));
        }

        private static async Task<byte[]> ReceiveExactlyAsync(Socket socket, int count)
        {
            byte[] buffer = new byte[count];
            int received = 0;
            using var timeout = new CancellationTokenSource(Patience);
            while (received < count)
            {
                int read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
                Assert.True(read > 0, $"connection closed after {received} of {count} bytes");
                received += read;
            }

            return buffer;
        }

        /// <summary>The bytes that arrive within <paramref name="wait"/>, or null if none did.</summary>
        private static async Task<byte[]?> TryReceiveAsync(Socket socket, TimeSpan wait)
        {
            byte[] buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(wait);
            try
            {
                int read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                return buffer[..read];
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        /// <summary>How the next read ends: the error, or Success for an orderly close (FIN).</summary>
        private static async Task<SocketError> ReceiveErrorAsync(Socket socket)
        {
            byte[] buffer = new byte[1024];
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                while (true)
                {
                    int read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
                    if (read == 0)
                    {
                        return SocketError.Success;
                    }
                }
            }
            catch (SocketException e)
            {
                return e.SocketErrorCode;
            }
        }
    }
}
