namespace QuickPoll.Contracts;

/// <summary>A site's name and the origins its pages are served from, as staff create or change it.</summary>
/// <param name="Name">A name staff recognise, up to <see cref="AccessLimits.MaxNameLength"/> characters.</param>
/// <param name="AllowedOrigins">
/// The origins (<c>scheme://host[:port]</c>, http or https, no path) whose pages may call the public API with the
/// site's key, up to <see cref="AccessLimits.MaxOrigins"/>.
/// </param>
public sealed record SiteDefinition(string Name, IReadOnlyList<string> AllowedOrigins);

/// <summary>A site that may embed QuickPoll, with the public key its pages send.</summary>
/// <param name="Id">The site's id.</param>
/// <param name="Name">The site's name.</param>
/// <param name="PublicKey">
/// The key the site's pages send as <c>X-QuickPoll-Site</c>. Public (it is in every page): it only submits answers and
/// reads public summaries, polls and published comments, and only from <paramref name="AllowedOrigins"/>.
/// </param>
/// <param name="AllowedOrigins">The origins whose pages may use the key.</param>
/// <param name="CreatedAt">When the site was created.</param>
public sealed record RegisteredSite(string Id, string Name, string PublicKey, IReadOnlyList<string> AllowedOrigins, DateTimeOffset CreatedAt);

/// <summary>Asks for a new admin key.</summary>
/// <param name="Name">Who or what the key is for, up to <see cref="AccessLimits.MaxNameLength"/> characters.</param>
public sealed record CreateAdminKeyRequest(string Name);

/// <summary>An admin key as listed: never its secret, which is stored only as a hash.</summary>
/// <param name="Id">The key's id, to revoke it.</param>
/// <param name="Name">Who or what the key is for.</param>
/// <param name="CreatedAt">When the key was created.</param>
public sealed record AdminKeyInfo(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>A new admin key, with its secret: shown this once, store it now.</summary>
/// <param name="Id">The key's id, to revoke it.</param>
/// <param name="Name">Who or what the key is for.</param>
/// <param name="Key">The secret, sent as <c>Authorization: Bearer &lt;key&gt;</c>.</param>
/// <param name="CreatedAt">When the key was created.</param>
public sealed record CreatedAdminKey(string Id, string Name, string Key, DateTimeOffset CreatedAt);

/// <summary>The limits of sites and admin keys, enforced by the server.</summary>
public static class AccessLimits
{
    /// <summary>The longest site or key name, in characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The most origins one site allows.</summary>
    public const int MaxOrigins = 20;

    /// <summary>Checks a site definition.</summary>
    /// <param name="site">The definition.</param>
    /// <returns>The errors by JSON field name; empty when the definition is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(SiteDefinition site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var errors = new Dictionary<string, string[]>();
        if (ValidateName(site.Name) is { } nameError)
        {
            errors["name"] = [nameError];
        }

        if (site.AllowedOrigins is null || site.AllowedOrigins.Count > MaxOrigins)
        {
            errors["allowedOrigins"] = [$"A site allows 0 to {MaxOrigins} origins."];
            return errors;
        }

        for (var i = 0; i < site.AllowedOrigins.Count; i++)
        {
            if (NormalizeOrigin(site.AllowedOrigins[i]) is null)
            {
                errors[$"allowedOrigins[{i}]"] = ["An origin is scheme://host[:port], http or https, with no path, query or trailing slash (https://shop.example)."];
            }
        }

        return errors;
    }

    /// <summary>Checks an admin key's name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The error, or <see langword="null"/> when the name is valid.</returns>
    public static string? ValidateName(string? name) =>
        string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl)
            ? $"A name is 1 to {MaxNameLength} characters, without control characters."
            : null;

    /// <summary>
    /// An origin as browsers send it in the <c>Origin</c> header (lower case, default port left out), or
    /// <see langword="null"/> when <paramref name="origin"/> is not an http or https origin.
    /// </summary>
    /// <param name="origin">The origin, for example <c>https://Shop.example:443</c>.</param>
    /// <returns>The origin in its browser form, for example <c>https://shop.example</c>.</returns>
    public static string? NormalizeOrigin(string? origin)
    {
        if (string.IsNullOrEmpty(origin) || origin.Length > 300 || origin.EndsWith('/')
            || !Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0
            || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
