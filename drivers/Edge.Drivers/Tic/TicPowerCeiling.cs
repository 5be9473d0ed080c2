#nullable disable
namespace Edge.Drivers.Tic
{
    /// <summary>
    /// The most apparent power the meter's installation can draw, from the subscription its frames state, to bound
    /// how fast its energy registers can move (<see cref="TicRegisterGuard"/>). Taken from the last complete, valid
    /// frame that stated it.
    /// <para>Historique: ISOUSC, the subscribed current, at 200 VA per A (1 kVA per 5 A), per phase: a three-phase
    /// meter (a frame with any <see cref="TicLabel.ThreePhaseOnly"/> label) has three times the power per ampere; this
    /// is also the subscribed power the driver publishes (<see cref="SubscribedVoltAmperes"/>). Standard: PCOUP, the
    /// power above which the meter's cut-off device opens, else PREF, the subscribed power (Enedis-NOI-CPT_54E section
    /// 6.2.3).</para>
    /// <para>Margin <see cref="Margin"/>: the line runs up to 253 V (EN 50160: 230 V + 10 %) where the contract
    /// counts 200 V per A, a factor 1.27; and a breaker holds up to 1.45 times its rating for up to an hour before it
    /// must trip (IEC 60898-1, conventional tripping current). 1.27 x 1.45 = 1.84, under 2.</para>
    /// </summary>
    public sealed class TicPowerCeiling
    {
        /// <summary>Factor between the subscription a frame states and the power the guard allows: 2, above the
        /// 1.84 the class summary works out.</summary>
        public const long Margin = 2;

        /// <summary>Without a stated subscription: 36 kVA, the top of the range the meters whose labels this driver
        /// reads serve (Linky and the electronic meters before it, subscriptions up to 36 kVA), with the same margin.</summary>
        public const long UnknownVoltAmperes = 36000 * Margin;

        /// <summary>Enedis contracts: 1 kVA of subscribed power per 5 A of ISOUSC (6 kVA = 30 A), i.e. 200 VA/A,
        /// on each phase (three-phase: 12 kVA = 20 A).</summary>
        public const long VoltAmperesPerSubscribedAmpere = 200;

        private long _subscribedAmperes;
        private bool _threePhase;
        private long _referenceVoltAmperes;
        private long _cutoffVoltAmperes;
        private long _stated;

        /// <summary>Most apparent power, VA, with the margin.</summary>
        public long MaxVoltAmperes
        {
            get { return _stated > 0 ? _stated * Margin : UnknownVoltAmperes; }
        }

        /// <summary>True if the frame being read stated ISOUSC.</summary>
        public bool HasSubscribedCurrent { get; private set; }

        /// <summary>
        /// The subscribed power, VA, the frame's ISOUSC gives: 200 VA per A on each phase. Final only once the frame
        /// has ended, because the groups that show a three-phase meter come after ISOUSC (Enedis-NOI-CPT_02E
        /// section 6.2).
        /// </summary>
        public long SubscribedVoltAmperes
        {
            get { return _subscribedAmperes * VoltAmperesPerSubscribedAmpere * (_threePhase ? 3 : 1); }
        }

        /// <summary>A frame starts: forgets what the last frame stated. The ceiling in force stays until a complete,
        /// valid frame states another (<see cref="EndFrame"/>).</summary>
        public void BeginFrame()
        {
            HasSubscribedCurrent = false;
            _subscribedAmperes = 0;
            _threePhase = false;
            _referenceVoltAmperes = 0;
            _cutoffVoltAmperes = 0;
        }

        /// <summary>ISOUSC, A.</summary>
        public void SubscribedCurrent(long amperes)
        {
            HasSubscribedCurrent = true;
            _subscribedAmperes = amperes;
        }

        /// <summary>A label only a three-phase meter sends, in this frame: the meter is three-phase.</summary>
        public void ThreePhase()
        {
            _threePhase = true;
        }

        /// <summary>PREF, VA.</summary>
        public void ReferencePower(long voltAmperes)
        {
            _referenceVoltAmperes = voltAmperes;
        }

        /// <summary>PCOUP, VA.</summary>
        public void CutoffPower(long voltAmperes)
        {
            _cutoffVoltAmperes = voltAmperes;
        }

        /// <summary>Keeps what a complete, valid frame stated; a frame that stated nothing keeps the previous one.</summary>
        public void EndFrame()
        {
            if (_cutoffVoltAmperes > 0)
            {
                _stated = _cutoffVoltAmperes;
            }
            else if (_referenceVoltAmperes > 0)
            {
                _stated = _referenceVoltAmperes;
            }
            else if (_subscribedAmperes > 0)
            {
                _stated = SubscribedVoltAmperes;
            }
        }
    }
}
