#nullable disable
namespace Edge.Core.Meters
{
    /// <summary>A driver that can say plainly what is wrong with its wiring, for the installer's self-test.</summary>
    public interface ISelfTest
    {
        /// <summary>Null when the meter works; otherwise one sentence an installer can act on.</summary>
        string SelfTest(long monotonicMs);
    }
}
