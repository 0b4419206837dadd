using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>The one-number feedback scales a visitor can answer.</summary>
/// <remarks>The JSON and query-string name of each kind is its lower-case name, for example <c>"stars"</c>.</remarks>
public enum FeedbackKind
{
    /// <summary>A star rating from 1 to 5.</summary>
    [JsonStringEnumMemberName("stars"), EnumMember(Value = "stars")]
    Stars = 0,

    /// <summary>Thumbs down (0) or up (1).</summary>
    [JsonStringEnumMemberName("thumbs"), EnumMember(Value = "thumbs")]
    Thumbs = 1,

    /// <summary>Net Promoter Score, 0 to 10.</summary>
    [JsonStringEnumMemberName("nps"), EnumMember(Value = "nps")]
    Nps = 2,

    /// <summary>Customer satisfaction, 1 to 5.</summary>
    [JsonStringEnumMemberName("csat"), EnumMember(Value = "csat")]
    Csat = 3,

    /// <summary>Customer effort score, 1 to 7.</summary>
    [JsonStringEnumMemberName("ces"), EnumMember(Value = "ces")]
    Ces = 4,
}
