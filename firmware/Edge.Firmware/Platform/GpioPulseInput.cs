using System;
using System.Device.Gpio;
using Edge.Core.Platform;

namespace Edge.Firmware.Platform
{
    /// <summary>
    /// A GPIO pin feeding a <see cref="PulseQualifier"/>: nanoFramework raises ValueChanged for every edge from its
    /// event thread, where the edge's time and new level go to the qualifier, which counts the pulses, so no pulse is
    /// lost between polls. The native debounce (GpioPin.DebounceTimeout) is off: it would drop short changes without
    /// a trace, where the qualifier counts every glitch and bounce it refuses.
    /// An S0 output (IEC 62053-31) is an open collector: with the pin pulled up it pulls the line low for each pulse
    /// (falling leading edge); wired to pull a pulled-down pin high, the pulse is the high level.
    /// </summary>
    public sealed class GpioPulseInput
    {
        private readonly IClock _clock;
        private readonly GpioPin _pin;
        private readonly PulseQualifier _qualifier;

        /// <summary>Opens GPIO <paramref name="pinNumber"/> as an input, pulled towards the idle level when
        /// <paramref name="pull"/> (up for low pulses, down for high ones; GPIO34 to 39 have no pulls), and feeds its
        /// edges to <paramref name="qualifier"/>.</summary>
        public GpioPulseInput(GpioController controller, int pinNumber, bool pull, PulseQualifier qualifier, IClock clock)
        {
            _clock = clock;
            _qualifier = qualifier;
            PinMode mode = !pull ? PinMode.Input : qualifier.ActiveHigh ? PinMode.InputPullDown : PinMode.InputPullUp;
            _pin = controller.OpenPin(pinNumber, mode);
            _pin.DebounceTimeout = TimeSpan.Zero;
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>The qualifier the pin feeds: the pulse input the driver reads.</summary>
        public PulseQualifier Qualifier
        {
            get { return _qualifier; }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            _qualifier.Edge(_clock.MonotonicMs, e.ChangeType == PinEventTypes.Rising);
        }
    }
}
