using ClbPowerShell.Client;
using ClbPowerShell.Client.Models;
using ClbPowerShell.Client.Operations;
using ClbPowerShell.Tests.Emulator;

namespace ClbPowerShell.Tests.Operations;

/// <summary>SecurityOperations against the emulator: security group sets and bindings, certificate bindings and replacement.</summary>
public sealed class SecurityOperationsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fx;
    public SecurityOperationsTests(EmulatorFixture fx) { _fx = fx; }

    private static async Task<List<string>> GroupsAsync(ClbClient c, string lb) =>
        (await LoadBalancerOperations.GetAsync(c, lb, default))!.SecureGroups ?? new List<string>();

    [Fact]
    public async Task SetGroupsAsync_replaces_the_whole_set_and_an_empty_list_clears_it()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("sg-set");
        await SecurityOperations.SetGroupsAsync(c, lb, new[] { "sg-00000001", "sg-00000002", "sg-00000001" }, default);
        Assert.Equal(new[] { "sg-00000001", "sg-00000002" }, await GroupsAsync(c, lb));
        await SecurityOperations.SetGroupsAsync(c, lb, new[] { "sg-00000003" }, default);
        Assert.Equal(new[] { "sg-00000003" }, await GroupsAsync(c, lb));
        await SecurityOperations.SetGroupsAsync(c, lb, Array.Empty<string>(), default);
        Assert.Empty(await GroupsAsync(c, lb));
    }

    [Fact]
    public async Task SetBindingAsync_adds_and_removes_one_group_keeping_the_others_in_chunks_of_20()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var lbs = new List<string>();
        for (var i = 0; i < 21; i++) lbs.Add(await c.CreateLbAsync("sg-bind-" + i));
        await SecurityOperations.SetGroupsAsync(c, lbs[0], new[] { "sg-0000keep" }, default);
        var before = emu.Server.Stats["SetSecurityGroupForLoadbalancers"].Calls;

        var added = await SecurityOperations.SetBindingAsync(c, "sg-000000aa", true, lbs.Append(lbs[0]).ToList(), default);

        Assert.Equal(2, emu.Server.Stats["SetSecurityGroupForLoadbalancers"].Calls - before);
        Assert.Equal(new[] { 20, 1 }, added.Select(r => r.Ids.Count));
        Assert.All(added, r => Assert.Null(r.Error));
        Assert.Equal(new[] { "sg-0000keep", "sg-000000aa" }, await GroupsAsync(c, lbs[0]));
        Assert.Equal(new[] { "sg-000000aa" }, await GroupsAsync(c, lbs[20]));

        var removed = await SecurityOperations.SetBindingAsync(c, "sg-000000aa", false, new[] { lbs[0] }, default);
        Assert.Null(Assert.Single(removed).Error);
        Assert.Equal(new[] { "sg-0000keep" }, await GroupsAsync(c, lbs[0]));
    }

    [Fact]
    public async Task SetBindingAsync_reports_a_failing_chunk_and_still_sends_the_others()
    {
        await using var emu = await EmulatorFixture.StartAsync();
        var c = emu.Client;
        var good = new List<string>();
        for (var i = 0; i < 20; i++) good.Add(await c.CreateLbAsync("sg-chunk-" + i));
        var last = await c.CreateLbAsync("sg-chunk-last");
        var ids = good.Take(19).Append("lb-nothere").Append(good[19]).Append(last).ToList();

        var results = await SecurityOperations.SetBindingAsync(c, "sg-000000bb", true, ids, default);

        Assert.Equal(2, results.Count);
        Assert.Contains("LBIdNotFound", Assert.IsType<ClbApiException>(results[0].Error).Code);
        Assert.Null(results[1].Error);
        Assert.Equal(new[] { "sg-000000bb" }, await GroupsAsync(c, last));
        Assert.Empty(await GroupsAsync(c, good[0]));
    }

    [Fact]
    public async Task ListBindingsAsync_flattens_to_the_listeners_and_rules_that_hold_the_certificate()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("cert-list");
        var https = await c.CreateListenerAsync(lb, "HTTPS", 443, new { Certificate = new { CertId = "cert-list0001", SSLMode = "UNIDIRECTIONAL" } });
        var ssl = await c.CreateListenerAsync(lb, "TCP_SSL", 8443, new { Certificate = new { CertId = "cert-list0002", CertCaId = "cert-listca01", SSLMode = "MUTUAL" } });
        await c.CreateListenerAsync(lb, "TCP", 9000);

        var bindings = await SecurityOperations.ListBindingsAsync(c, new[] { "cert-list0001", "cert-listca01", "cert-unused1" }, default);

        Assert.Equal(2, bindings.Count);
        var server = Assert.Single(bindings, b => b.CertificateId == "cert-list0001");
        Assert.Equal(("ap-guangzhou", lb, https, "HTTPS", 443L, "Server", (string?)null), (server.Region, server.LoadBalancerId, server.ListenerId, server.Protocol, server.Port, server.Usage, server.LocationId));
        var ca = Assert.Single(bindings, b => b.CertificateId == "cert-listca01");
        Assert.Equal((ssl, "CA", "MUTUAL"), (ca.ListenerId!, ca.Usage, ca.SSLMode));
    }

    [Fact]
    public async Task ReplaceAsync_switches_every_holder_and_ReadAgainAsync_shows_the_new_certificate_in_the_same_places()
    {
        var c = _fx.Client;
        var lb1 = await c.CreateLbAsync("cert-replace-1");
        var lb2 = await c.CreateLbAsync("cert-replace-2");
        var l1 = await c.CreateListenerAsync(lb1, "HTTPS", 443, new { Certificate = new { CertId = "cert-repl0old" } });
        var l2 = await c.CreateListenerAsync(lb2, "HTTPS", 443, new { Certificate = new { CertId = "cert-repl0old" } });
        var before = await SecurityOperations.ListBindingsAsync(c, new[] { "cert-repl0old" }, default);
        Assert.Equal(2, before.Count);

        await SecurityOperations.ReplaceAsync(c, new ReplaceCertForLoadBalancersRequest
        {
            OldCertificateId = "cert-repl0old",
            Certificate = new CertificateInput { CertId = "cert-repl0new" },
        }, default);

        Assert.Empty(await SecurityOperations.ListBindingsAsync(c, new[] { "cert-repl0old" }, default));
        var now = await SecurityOperations.ReadAgainAsync(c, before, default);
        Assert.Equal(new[] { l1, l2 }.OrderBy(x => x), now.Select(b => b.ListenerId).OrderBy(x => x));
        Assert.All(now, b => Assert.Equal("cert-repl0new", b.CertificateId));
    }

    [Fact]
    public async Task ReplaceAsync_with_uploaded_content_gives_the_holders_a_new_certificate_id()
    {
        var c = _fx.Client;
        var lb = await c.CreateLbAsync("cert-upload");
        await c.CreateListenerAsync(lb, "HTTPS", 443, new { Certificate = new { CertId = "cert-upl00old" } });
        var before = await SecurityOperations.ListBindingsAsync(c, new[] { "cert-upl00old" }, default);

        await SecurityOperations.ReplaceAsync(c, new ReplaceCertForLoadBalancersRequest
        {
            OldCertificateId = "cert-upl00old",
            Certificate = new CertificateInput { CertContent = "-----BEGIN CERTIFICATE-----x", CertKey = "-----BEGIN PRIVATE KEY-----y" },
        }, default);

        var now = Assert.Single(await SecurityOperations.ReadAgainAsync(c, before, default));
        Assert.NotEqual("cert-upl00old", now.CertificateId);
        Assert.False(string.IsNullOrEmpty(now.CertificateId));
    }
}
