using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Host.Gateway
{
    /// <summary>
    /// A GPIO line of the gateway (libgpiod) feeding a <see cref="PulseQualifier"/>: every edge, rising and falling,
    /// goes from the controller's event callback to the qualifier with its time and new level, and the qualifier
    /// counts the pulses (IEC 62053-31: at least 30 ms), bridging contact bounce and refusing glitches, counted apart.
    /// The qualifier is the node's pulse input, the same one the device's GPIO pin feeds. An S0 output is an open
    /// collector: the line is pulled up for low pulses (the usual wiring), down for high ones.
    /// </summary>
    public sealed class GpioPulseLink
    {
        private readonly IClock _clock;
        private readonly PinChangeEventHandler _onEdge;

        /// <summary>Opens <paramref name="pin"/> as an input (pulled towards the idle level where the driver can) and
        /// feeds its edges to <paramref name="qualifier"/>.</summary>
        public GpioPulseLink(GpioController gpio, int pin, PulseQualifier qualifier, IClock clock)
        {
            Qualifier = qualifier;
            _clock = clock;
            _onEdge = OnEdge;
            PinMode pull = qualifier.ActiveHigh ? PinMode.InputPullDown : PinMode.InputPullUp;
            PinMode mode = gpio.IsPinModeSupported(pin, pull) ? pull : PinMode.Input;
            gpio.OpenPin(pin, mode);
            gpio.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Falling | PinEventTypes.Rising, _onEdge);
        }

        /// <summary>The qualifier the line feeds: the pulse input the driver reads.</summary>
        public PulseQualifier Qualifier { get; }

        private void OnEdge(object sender, PinValueChangedEventArgs e) =>
            Qualifier.Edge(_clock.MonotonicMs, e.ChangeType == PinEventTypes.Rising);
    }
}
