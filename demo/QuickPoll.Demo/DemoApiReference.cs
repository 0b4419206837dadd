namespace QuickPoll.Demo;

/// <summary>Whether the shop serves its OpenAPI document and API reference (<c>Demo:ApiReference</c>, on in Development), so the navigation links to it only then.</summary>
/// <param name="Enabled">Whether <c>/openapi/v1.json</c> and <c>/api-reference</c> are mapped.</param>
public sealed record DemoApiReference(bool Enabled);
