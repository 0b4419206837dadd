namespace QuickPoll.Components.Tests.Localization;

/// <summary>What a shop's own texts for the components are named after: <c>ShopTexts.de.resx</c> adds German.</summary>
public sealed class ShopTexts;
