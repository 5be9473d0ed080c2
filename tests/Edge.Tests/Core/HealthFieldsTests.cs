using Edge.Core.Payloads;
using Xunit;

namespace Edge.Tests.Core
{
    public class HealthFieldsTests
    {
        [Fact]
        public void A_field_is_changed_until_a_message_carrying_its_value_is_published()
        {
            var fields = Collect(5, 7);
            Assert.True(fields.NeedsFull);
            fields.Commit();

            fields = Collect(fields, 5, 8);
            Assert.Equal((false, false, true), (fields.NeedsFull, fields.Changed(0), fields.Changed(1)));

            // The message that carried 8 was not published: the platform still has 7, so 7 is no change and 9 is.
            fields = Collect(fields, 5, 7);
            Assert.False(fields.Changed(1));
            fields = Collect(fields, 5, 9);
            Assert.True(fields.Changed(1));
            fields.Commit();
            fields = Collect(fields, 5, 9);
            Assert.False(fields.AnyChanged);
        }

        [Fact]
        public void A_delta_cannot_say_that_a_value_went_away_or_that_the_fields_changed()
        {
            var fields = new HealthFields();
            fields.Begin();
            fields.AddIfKnown("freeMemory", 41000, true);
            fields.Add("reconnects", 0);
            fields.Commit();

            fields.Begin();
            fields.AddIfKnown("freeMemory", -1, false);
            fields.Add("reconnects", 0);
            Assert.Equal((true, false), (fields.NeedsFull, fields.Changed(0)));

            fields.Begin();
            fields.AddIfKnown("freeMemory", 41000, true);
            fields.Add("reconnects", 0);
            fields.Add("ackTimeouts", 0);
            Assert.Equal((true, true), (fields.NeedsFull, fields.Changed(2)));
        }

        [Fact]
        public void Grows_to_any_number_of_fields_and_bounds_them_at_their_widest()
        {
            var fields = new HealthFields();
            fields.Begin();
            for (int i = 0; i < 40; i++)
            {
                fields.Add("c" + i, i);
            }

            fields.Commit();
            Assert.Equal(40, fields.Count);
            Assert.Equal(39, fields.Value(39));
            Assert.False(fields.AnyChanged);

            // "c0": 4 characters with quotes, a colon, a long of up to 20 characters, a separator.
            Assert.Equal((10 * (4 + 1 + 20 + 1)) + (30 * (5 + 1 + 20 + 1)), fields.LargestBytes);
        }

        private static HealthFields Collect(long first, long second) => Collect(new HealthFields(), first, second);

        private static HealthFields Collect(HealthFields fields, long first, long second)
        {
            fields.Begin();
            fields.Add("reconnects", first);
            fields.Add("outbox", second);
            return fields;
        }
    }
}
