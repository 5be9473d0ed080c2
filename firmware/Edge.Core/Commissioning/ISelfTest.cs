#nullable disable
namespace Edge.Core.Commissioning
{
    /// <summary>A part of the node (a meter, a sensor) that can say plainly whether it is wired and set up right, for
    /// the installer's commissioning self-test.</summary>
    public interface ISelfTest
    {
        /// <summary>Adds this part's checks to <paramref name="report"/>: at least one line, a pass saying what was
        /// seen, or a warning or failure saying what is wrong and what to do.</summary>
        void SelfTest(SelfTestReport report, long monotonicMs);
    }
}
