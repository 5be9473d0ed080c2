#nullable disable
namespace Edge.Core.Meters.Buses
{
    /// <summary>
    /// A bus shared by several drivers that needs time of its own between their polls (a request in flight on an
    /// RS-485 line). The node runs every hub once per loop, before it polls the meters.
    /// </summary>
    public interface IBusHub
    {
        /// <summary>Moves the bus on: sends what is due, takes what arrived, times out what did not.</summary>
        void Run(long monotonicMs);
    }
}
