using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace QuickPoll.Demo;

/// <summary>Finds an address on which this app can call itself.</summary>
internal static class OwnAddress
{
    /// <summary>The server's first bound address (plain HTTP preferred), with a wildcard host made loopback.</summary>
    /// <returns>The address, or <see langword="null"/> before the server has bound.</returns>
    public static Uri? Of(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http:", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return null;
        }

        var binding = BindingAddress.Parse(address);
        var host = binding.Host is "0.0.0.0" or "[::]" or "+" or "*" ? "127.0.0.1" : binding.Host;
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri;
    }
}
