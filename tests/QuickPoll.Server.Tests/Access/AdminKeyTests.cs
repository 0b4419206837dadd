using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Tests.Access;

public sealed class SqliteAdminKeyTests() : AdminKeyTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlAdminKeyTests() : AdminKeyTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Admin keys created, listed and revoked through the admin API, without a restart.</summary>
public abstract class AdminKeyTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task A_new_key_opens_the_admin_API_at_once_and_is_shown_only_when_created()
    {
        var created = await Factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Reporting job"));

        Assert.StartsWith("qp_sk_", created.Key, StringComparison.Ordinal);
        Assert.True(created.Key.Length >= 40);
        var polls = await Factory.CreateAdminSdk(created.Key).ListPollsAsync();
        Assert.Empty(polls);

        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created.Key);
        var listed = await client.GetStringAsync("/api/v1/admin/keys");
        Assert.Contains("Reporting job", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Key["qp_sk_".Length..], listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_a_hash()
    {
        var created = await Factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Dashboard"));

        using var connection = Factory.Services.GetRequiredService<QuickPoll.Server.Storage.Database>().Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, key_hash FROM admin_keys;";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("Dashboard", reader.GetString(0));
        var stored = reader.GetString(1);
        Assert.DoesNotContain(created.Key, stored, StringComparison.Ordinal);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(created.Key))), stored);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_the_next_request_while_the_others_keep_working()
    {
        var admin = Factory.CreateAdminSdk();
        var revoked = await admin.CreateAdminKeyAsync(new CreateAdminKeyRequest("Old laptop"));
        var kept = await admin.CreateAdminKeyAsync(new CreateAdminKeyRequest("New laptop"));

        await admin.RevokeAdminKeyAsync(revoked.Id);

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk(revoked.Key).ListPollsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await Factory.CreateAdminSdk(kept.Key).ListPollsAsync());
        Assert.Equal(["New laptop"], (await admin.ListAdminKeysAsync()).Select(k => k.Name));
        Assert.True(Factory.Services.GetRequiredService<AdminKeys>().Accepts(QuickPollServerFactory.AdminKey), "the configured key keeps working");
    }

    [Fact]
    public async Task Wrong_requests_get_problems_naming_the_field()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", QuickPollServerFactory.AdminKey);

        using var noName = await client.PostAsJsonAsync("/api/v1/admin/keys", new { name = " " });
        using var unknown = await client.DeleteAsync("/api/v1/admin/keys/nope");

        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
        Assert.True(JsonDocument.Parse(await noName.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.True(JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty("keyId", out _));
    }

    [Fact]
    public async Task Keys_are_created_only_with_an_admin_key_and_a_made_up_one_opens_nothing()
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => Factory.CreateAdminSdk("qp_sk_" + new string('A', 43)).CreateAdminKeyAsync(new CreateAdminKeyRequest("Mine now")));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await Factory.CreateAdminSdk().ListAdminKeysAsync());
    }
}
