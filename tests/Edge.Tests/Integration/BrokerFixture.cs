using System;
using System.Threading.Tasks;
using Edge.Host.Broker;
using Edge.Tests.Integration.Faults;
using Xunit;

namespace Edge.Tests.Integration
{
    /// <summary>
    /// The MQTT broker of every integration test. A real mosquitto when one is installed (started here on a free
    /// 127.0.0.1 port with its own configuration, stopped after the tests); otherwise the embedded MQTTnet broker,
    /// so the tests pass on a machine with only the .NET SDK. With CI=true mosquitto is required: its absence
    /// fails the run instead of quietly testing less.
    /// </summary>
    public sealed class BrokerFixture : IAsyncLifetime
    {
        private MosquittoProcess? _mosquitto;
        private EmbeddedBroker? _embedded;

        public string Host => "127.0.0.1";

        private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        public int Port { get; private set; }

        /// <summary>"mosquitto 2.0.11" or "embedded MQTTnet".</summary>
        public string Kind { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            // EDGE_TEST_BROKER=embedded runs the suite against the embedded broker even where mosquitto exists.
            bool embeddedRequested = string.Equals(Environment.GetEnvironmentVariable("EDGE_TEST_BROKER"), "embedded", StringComparison.OrdinalIgnoreCase);
            string? mosquitto = embeddedRequested && !IsCi ? null : MosquittoProcess.FindExecutable();
            if (mosquitto is null)
            {
                if (IsCi)
                {
                    throw new InvalidOperationException(
                        "CI=true requires a real mosquitto broker for the integration tests, and none was found " +
                        "(looked on PATH and in /usr/sbin). Install it: apt-get install -y mosquitto");
                }

                _embedded = await EmbeddedBroker.StartAsync(0);
                Port = _embedded.Port;
                Kind = "embedded MQTTnet";
                return;
            }

            await StartMosquittoAsync();
        }

        public async Task DisposeAsync()
        {
            if (_mosquitto is not null)
            {
                await _mosquitto.DisposeAsync();
            }

            if (_embedded is not null)
            {
                await _embedded.DisposeAsync();
            }
        }

        private async Task StartMosquittoAsync()
        {
            // Loopback only, no persistence (each run starts empty), queues large enough for load tests.
            _mosquitto = await MosquittoProcess.StartAsync(new MosquittoOptions { Persistence = false });
            Port = _mosquitto.Port;
            Kind = _mosquitto.Kind;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
    {
        public const string Name = "broker";
    }
}
