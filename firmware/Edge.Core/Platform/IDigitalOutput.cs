#nullable disable
namespace Edge.Core.Platform
{
    /// <summary>A relay or contactor driver for load control.</summary>
    public interface IDigitalOutput
    {
        /// <summary>True while the output is on (energised), as the relay command reports it ("on"/"off").</summary>
        bool IsOn { get; }

        /// <summary>Energises (true) or releases (false) the output at once; pulses and the safety time limit are
        /// the relay command's job, not the output's.</summary>
        void Set(bool on);
    }
}
