#nullable disable
namespace Edge.Core.Model
{
    /// <summary>Where a driver delivers its readings. Implementations must not allocate per reading.</summary>
    public interface IReadingSink
    {
        void Add(Reading reading);
    }
}
