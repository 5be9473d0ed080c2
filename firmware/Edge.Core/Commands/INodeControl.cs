#nullable disable
namespace Edge.Core.Commands
{
    /// <summary>What a command may ask of the platform itself.</summary>
    public interface INodeControl
    {
        /// <summary>Restarts the device (nanoFramework: Power.RebootDevice()).</summary>
        void Reboot();
    }
}
