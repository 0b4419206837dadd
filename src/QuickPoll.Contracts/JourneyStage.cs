using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>Where in the customer journey an answer was given.</summary>
public enum JourneyStage
{
    /// <summary>Looking around, before deciding to buy.</summary>
    [JsonStringEnumMemberName("discovery"), EnumMember(Value = "discovery")]
    Discovery = 0,

    /// <summary>Buying: cart, checkout, payment.</summary>
    [JsonStringEnumMemberName("purchase"), EnumMember(Value = "purchase")]
    Purchase = 1,

    /// <summary>Using the product.</summary>
    [JsonStringEnumMemberName("use"), EnumMember(Value = "use")]
    Use = 2,

    /// <summary>After the purchase: delivery, returns, support.</summary>
    [JsonStringEnumMemberName("after-purchase"), EnumMember(Value = "after-purchase")]
    AfterPurchase = 3,
}
