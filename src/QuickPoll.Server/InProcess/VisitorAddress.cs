using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Http;

namespace QuickPoll.Server.InProcess;

/// <summary>
/// The visitor an in-process call is made for, per scope: a page request's, or an interactive circuit's. The address is
/// the first one the scope sees and is kept, since a circuit has no live request after it starts.
/// </summary>
internal sealed class VisitorAddress(IHttpContextAccessor accessor)
{
    private IPAddress? _address;

    /// <summary>The visitor's address (after <c>UseForwardedHeaders()</c>, where the host calls it); null when unknown.</summary>
    public IPAddress? Address => _address ??= accessor.HttpContext?.Connection.RemoteIpAddress;

    /// <summary>The visitor's live request, for their visitor cookie; null outside one.</summary>
    public HttpContext? Request => accessor.HttpContext;
}

/// <summary>Takes the visitor's address when an interactive circuit starts, while its connection's request is still at hand.</summary>
internal sealed class VisitorAddressCircuitHandler(VisitorAddress visitor) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _ = visitor.Address;
        return Task.CompletedTask;
    }
}
