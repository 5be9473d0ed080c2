#nullable disable
namespace Edge.Core.Commissioning
{
    /// <summary>The outcome of one self-test check, in rising order of gravity.</summary>
    public enum SelfTestVerdict
    {
        /// <summary>Works as expected.</summary>
        Pass = 0,

        /// <summary>Works, but something needs a look (no pulse yet, clock not synchronised yet).</summary>
        Warn = 1,

        /// <summary>Does not work: the installer must act before leaving the meter room.</summary>
        Fail = 2,
    }
}
