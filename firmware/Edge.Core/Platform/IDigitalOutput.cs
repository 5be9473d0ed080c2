#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>A relay or contactor driver for load control.</summary>
    public interface IDigitalOutput
    {
        bool IsOn { get; }

        void Set(bool on);
    }
}
