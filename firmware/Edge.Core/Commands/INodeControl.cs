#nullable disable
namespace Edge.Core.Commands
{
    /// <summary>What a command may ask of the platform itself.</summary>
    public interface INodeControl
    {
        /// <summary>Restarts the device (nanoFramework: Power.RebootDevice()).</summary>
        void Reboot();
    }

    /// <summary>A driver that can say plainly what is wrong with its wiring, for the installer's self-test.</summary>
    public interface ISelfTest
    {
        /// <summary>Null when the meter works; otherwise one sentence an installer can act on.</summary>
        string SelfTest(long monotonicMs);
    }
}
