#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>A digital input read by polling: the board's push button.</summary>
    public interface IDigitalInput
    {
        /// <summary>True while the input is in its active state (a button pressed, whichever its level).</summary>
        bool IsActive { get; }
    }
}
