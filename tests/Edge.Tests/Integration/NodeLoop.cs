using System;
using System.Threading;
using System.Threading.Tasks;
using Edge.Host.Simulation;

namespace Edge.Tests.Integration
{
    /// <summary>A simulated node stepped in real time, as a device's loop steps it, so that it hears its commands.</summary>
    internal static class NodeLoop
    {
        /// <summary>Steps <paramref name="simulation"/> every 20 ms until <paramref name="cancellation"/> is cancelled.</summary>
        public static Task RunAsync(NodeSimulation simulation, CancellationToken cancellation) => Task.Run(async () =>
        {
            while (!cancellation.IsCancellationRequested)
            {
                simulation.Step();
                try
                {
                    await Task.Delay(20, cancellation);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }
}
