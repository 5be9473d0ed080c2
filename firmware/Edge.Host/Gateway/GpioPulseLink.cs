using System.Device.Gpio;
using System.Threading;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// <see cref="IPulseInput"/> on a GPIO line of the gateway (libgpiod): an S0 output (an open collector pulling
    /// the line low, IEC 62053-31 section 5.4) counted on its falling edges in the controller's event callback, so
    /// no pulse is missed between node steps. A falling edge within the debounce time of the last counted one is a
    /// contact bounce and is not counted; those are counted apart as <see cref="Bounces"/>.
    /// </summary>
    public sealed class GpioPulseLink : IPulseInput
    {
        private readonly GpioController _gpio;
        private readonly int _pin;
        private readonly int _debounceMs;
        private readonly IClock _clock;
        private readonly PinChangeEventHandler _onEdge;
        private int _count;
        private int _bounces;
        private long _lastEdgeMs;
        private bool _seen;

        /// <summary>Opens <paramref name="pin"/> as an input (pulled up where the driver can) and counts its falling edges.</summary>
        public GpioPulseLink(GpioController gpio, int pin, int debounceMs, IClock clock)
        {
            _gpio = gpio;
            _pin = pin;
            _debounceMs = debounceMs;
            _clock = clock;
            _onEdge = OnEdge;
            PinMode mode = gpio.IsPinModeSupported(pin, PinMode.InputPullUp) ? PinMode.InputPullUp : PinMode.Input;
            gpio.OpenPin(pin, mode);
            gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling, _onEdge);
        }

        public int Count => Volatile.Read(ref _count);

        public long LastEdgeMs => Interlocked.Read(ref _lastEdgeMs);

        /// <summary>Falling edges refused as contact bounce.</summary>
        public int Bounces => Volatile.Read(ref _bounces);

        private void OnEdge(object sender, PinValueChangedEventArgs e)
        {
            if (e.ChangeType != PinEventTypes.Falling)
            {
                return;
            }

            long now = _clock.MonotonicMs;
            if (_seen && now - Interlocked.Read(ref _lastEdgeMs) < _debounceMs)
            {
                Interlocked.Increment(ref _bounces);
                return;
            }

            _seen = true;
            Interlocked.Exchange(ref _lastEdgeMs, now);
            Interlocked.Increment(ref _count);
        }
    }
}
