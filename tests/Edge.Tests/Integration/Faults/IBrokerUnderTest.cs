using System;
using System.Threading.Tasks;
using Xunit;

namespace Edge.Tests.Integration.Faults
{
    /// <summary>
    /// A broker that a fault scenario stops, kills and starts again on the same 127.0.0.1 port: a real mosquitto
    /// (<see cref="MosquittoProcess"/>) or the embedded MQTTnet broker (<see cref="EmbeddedBrokerUnderTest"/>).
    /// </summary>
    public interface IBrokerUnderTest : IAsyncDisposable
    {
        /// <summary>"mosquitto 2.0.11" or "embedded MQTTnet", for failure messages.</summary>
        string Kind { get; }

        /// <summary>Always 127.0.0.1.</summary>
        string Host { get; }

        /// <summary>The port, kept across stops and starts.</summary>
        int Port { get; }

        /// <summary>True between a start and the next stop or kill.</summary>
        bool IsRunning { get; }

        /// <summary>Whether sessions and the QoS 1 messages queued for them survive <see cref="StopAsync"/> then
        /// <see cref="StartAsync"/>: mosquitto with persistence writes them to disk on SIGTERM; the embedded broker keeps nothing.</summary>
        bool KeepsSessionsAcrossStop { get; }

        /// <summary>Whether they survive <see cref="KillAsync"/>: only what the broker saved before the kill does,
        /// which for mosquitto is nothing since its last autosave (see <see cref="MosquittoProcess"/>).</summary>
        bool KeepsSessionsAcrossKill { get; }

        /// <summary>Starts it (again) on <see cref="Port"/> and returns once it accepts connections.</summary>
        Task StartAsync();

        /// <summary>The orderly stop: mosquitto gets SIGTERM (and saves its database); the embedded broker is stopped.</summary>
        Task StopAsync();

        /// <summary>The crash: mosquitto gets SIGKILL. The embedded broker cannot be killed apart from the test
        /// process; it is stopped as by <see cref="StopAsync"/>, which loses the same (everything).</summary>
        Task KillAsync();

        /// <summary><see cref="StopAsync"/> then <see cref="StartAsync"/>.</summary>
        Task RestartAsync();
    }

    /// <summary>Names of the brokers a fault scenario runs against, and how each is started.</summary>
    public static class BrokersUnderTest
    {
        public const string Mosquitto = "mosquitto";

        public const string Embedded = "embedded";

        private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// For [MemberData]: the embedded broker always, and mosquitto where it is installed. With CI=true mosquitto is
        /// always listed, so that its absence fails the run (in <see cref="StartAsync"/>) instead of testing less.
        /// </summary>
        public static TheoryData<string> Available
        {
            get
            {
                var kinds = new TheoryData<string> { Embedded };
                if (IsCi || MosquittoProcess.FindExecutable() is not null)
                {
                    kinds.Add(Mosquitto);
                }

                return kinds;
            }
        }

        /// <summary>
        /// For a test of mosquitto alone: true where mosquitto is installed; with CI=true its absence throws. Elsewhere,
        /// on a machine with only the .NET SDK, false: the test has nothing to test, as the integration tests then run
        /// against the embedded broker.
        /// </summary>
        public static bool MosquittoRequired()
        {
            if (MosquittoProcess.FindExecutable() is not null)
            {
                return true;
            }

            return IsCi
                ? throw new InvalidOperationException("CI=true requires mosquitto for the fault tests, and none was found (looked on PATH and in /usr/sbin). Install it: apt-get install -y mosquitto")
                : false;
        }

        /// <summary>Starts the broker named <paramref name="kind"/> on a free port (or <paramref name="port"/>).</summary>
        public static async Task<IBrokerUnderTest> StartAsync(string kind, int port = 0) => kind switch
        {
            Mosquitto => await MosquittoProcess.StartAsync(new MosquittoOptions { Port = port }).ConfigureAwait(false),
            Embedded => await EmbeddedBrokerUnderTest.StartAsync(port).ConfigureAwait(false),
            _ => throw new ArgumentException($"'{kind}' is not a broker under test; expected {Mosquitto} or {Embedded}", nameof(kind)),
        };
    }
}
