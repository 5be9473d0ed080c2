// Declarations only (bodies throw): the part of nanoFramework.M2Mqtt.Core 5.1.220 the firmware calls.
// Confirmed in nanoframework/nanoFramework.m2mqtt: nanoFramework.M2Mqtt.Core/nanoFramework.M2Mqtt.Core.nfproj lists
// IMqttClient.cs, MqttSslProtocols.cs and Messages/MqttMsgPublishedEventArgs.cs, MqttMsgPublishEventArgs.cs,
// MqttQoSLevel.cs, MqttReasonCode.cs; the event handler delegates are nested in IMqttClient (M2Mqtt/MqttClient.cs
// declares its events as IMqttClient.MqttMsgPublishedEventHandler and so on).
using System;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt
{
    public interface IMqttClient
    {
        public delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

        public delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

        public delegate void ConnectionClosedEventHandler(object sender, EventArgs e);
    }

    public enum MqttSslProtocols
    {
        None,
        SSLv3,
        TLSv1_0,
        TLSv1_1,
        TLSv1_2,
        TLSv1_3,
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    public class MqttMsgPublishedEventArgs : EventArgs
    {
        internal MqttMsgPublishedEventArgs()
        {
        }

        public ushort MessageId
        {
            get { throw new NotImplementedException(); }
        }

        public bool IsPublished
        {
            get { throw new NotImplementedException(); }
        }
    }

    public class MqttMsgPublishEventArgs : EventArgs
    {
        internal MqttMsgPublishEventArgs()
        {
        }

        public string Topic
        {
            get { throw new NotImplementedException(); }
        }

        public byte[] Message
        {
            get { throw new NotImplementedException(); }
        }
    }

    public enum MqttQoSLevel
    {
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
    }

    public enum MqttReasonCode
    {
        Success = 0x00,
    }
}
