using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Broker;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// The embedded MQTTnet broker (<see cref="EmbeddedBroker"/>) with the control surface of
    /// <see cref="IBrokerUnderTest"/>: stopped and started again on the same port. It lives in the test process and
    /// keeps sessions in memory only, so a stop or a "kill" loses every session and queued message.
    /// </summary>
    public sealed class EmbeddedBrokerUnderTest : IBrokerUnderTest
    {
        private readonly SemaphoreSlim _control = new(1, 1);
        private EmbeddedBroker? _broker;

        private EmbeddedBrokerUnderTest(int port)
        {
            Port = port;
        }

        public string Kind => "embedded MQTTnet";

        public string Host => "127.0.0.1";

        public int Port { get; }

        public bool IsRunning => _broker is not null;

        public bool KeepsSessionsAcrossStop => false;

        public bool KeepsSessionsAcrossKill => false;

        /// <summary>Starts a broker on <paramref name="port"/> (0: a free one) of the loopback addresses.</summary>
        public static async Task<EmbeddedBrokerUnderTest> StartAsync(int port = 0)
        {
            var broker = new EmbeddedBrokerUnderTest(port == 0 ? EmbeddedBroker.FreeLoopbackPort() : port);
            await broker.StartAsync().ConfigureAwait(false);
            return broker;
        }

        public async Task StartAsync()
        {
            await _control.WaitAsync().ConfigureAwait(false);
            try
            {
                // EmbeddedBroker.StartAsync returns once the server listens.
                _broker ??= await EmbeddedBroker.StartAsync(Port).ConfigureAwait(false);
            }
            finally
            {
                _control.Release();
            }
        }

        public async Task StopAsync()
        {
            await _control.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_broker is not null)
                {
                    await _broker.DisposeAsync().ConfigureAwait(false);
                    _broker = null;
                }
            }
            finally
            {
                _control.Release();
            }
        }

        public Task KillAsync() => StopAsync();

        public async Task RestartAsync()
        {
            await StopAsync().ConfigureAwait(false);
            await StartAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync().ConfigureAwait(false);
            _control.Dispose();
        }
    }
}
