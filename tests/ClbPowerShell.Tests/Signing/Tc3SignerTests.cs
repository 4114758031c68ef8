using System.Text;
using ClbPowerShell.Client.Signing;

namespace ClbPowerShell.Tests.Signing;

/// <summary>Every vector of /work/shared/api/signature-v3.md, step by step.</summary>
public class Tc3SignerTests
{
    // Section 7: the seed prints 5-asterisk masks, but the documented signature is reproduced only by the
    // 7-asterisk key (the conversion shortened the mask). The SecretId's mask does not enter the signature,
    // only the Authorization header, where the documented 5-asterisk form is used.
    private const string DocSecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*****";
    private const string DocSecretKeyPrinted = "Gu5t9xGARNpq86cd98joQYCN3*****";
    private const string DocSecretKey7 = "Gu5t9xGARNpq86cd98joQYCN3*******";
    private const string DocPayload = "{\"Limit\": 1, \"Filters\": [{\"Values\": [\"unnamed\"], \"Name\": \"instance-name\"}]}";

    private const string ExampleSecretId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private const string ExampleSecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static Tc3SigningInput DocumentedPost() => new()
    {
        Method = "POST",
        Host = "cvm.tencentcloudapi.com",
        ContentType = "application/json; charset=utf-8",
        Payload = Encoding.UTF8.GetBytes(DocPayload),
        Service = "cvm",
        Timestamp = 1551113065,
    };

    private static Tc3SigningInput DocumentedGet() => new()
    {
        Method = "GET",
        Host = "cvm.tencentcloudapi.com",
        ContentType = "application/x-www-form-urlencoded",
        CanonicalQueryString = "Limit=10&Offset=0",
        Service = "cvm",
        Timestamp = 1539084154,
    };

    private static string Hex(byte[] b) => Convert.ToHexString(b).ToLowerInvariant();

    // ---- Section 7: documented POST vector (CVM DescribeInstances) ----

    [Fact]
    public void Post_HashedRequestPayload_MatchesDocumented()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7);
        Assert.Equal("99d58dfbc6745f6747f36bfca17dee5e6881dc0428a0a36f96199342bc5b4907", s.HashedRequestPayload);
    }

    [Fact]
    public void Post_CanonicalRequest_MatchesReassembledDocumentedBytes()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" +
            "99d58dfbc6745f6747f36bfca17dee5e6881dc0428a0a36f96199342bc5b4907",
            s.CanonicalRequest);
    }

    [Fact]
    public void Post_HashedCanonicalRequest_IsTheFullValueTheSeedPrintedDamaged()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7);
        Assert.Equal("2815843035062fffda5fd6f2a44ea8a34818b0dc46f024b8b3786976a3adda7a", s.HashedCanonicalRequest);
        // The seed's two printings drop "a5fd" (and the table copy the final "da7a"): they are that value damaged.
        Assert.Equal("2815843035062fffd6f2a44ea8a34818b0dc46f024b8b3786976a3adda7a", s.HashedCanonicalRequest.Remove(17, 4));
        Assert.Equal("2815843035062fffd6f2a44ea8a34818b0dc46f024b8b3786976a3ad", s.HashedCanonicalRequest.Remove(17, 4)[..56]);
    }

    [Fact]
    public void Post_CredentialScope_And_StringToSign()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7);
        Assert.Equal("2019-02-25/cvm/tc3_request", s.CredentialScope);
        Assert.Equal(
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n2815843035062fffda5fd6f2a44ea8a34818b0dc46f024b8b3786976a3adda7a",
            s.StringToSign);
    }

    [Fact]
    public void Post_DerivedKeys_WithSevenAsteriskKey()
    {
        var k = Tc3Signer.DeriveSigningKeys(DocSecretKey7, "2019-02-25", "cvm");
        Assert.Equal("f1cb4d518a0eda9d5cbbfdb7850983f1e603eeae484edea76e4dd8d8deb5556e", Hex(k.SecretDate));
        Assert.Equal("e7c609ce81bea53546bed2cc904778bef9ca14082e48e67883443ed64e227cd7", Hex(k.SecretService));
        Assert.Equal("8aa8ab5755582f576e94bcfe383b8e29325b0ca90c3590d569221c6a63a091ed", Hex(k.SecretSigning));
        Assert.Equal(Hex(k.SecretSigning), Hex(Tc3Signer.DeriveSigningKey(DocSecretKey7, "2019-02-25", "cvm")));
        Assert.DoesNotContain("8aa8", k.ToString());
    }

    [Fact]
    public void Post_Signature_And_Authorization_MatchDocumented_WithSevenAsteriskKey()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7);
        Assert.Equal("c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c20cd70fc3a78ff", s.Signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*****/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c20cd70fc3a78ff",
            s.Authorization);
    }

    [Fact]
    public void Post_PrintedFiveAsteriskKey_GivesTheComputedOtherSignature()
    {
        var s = Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKeyPrinted);
        Assert.Equal("b6e4455c12905750689d9201a89160b83c9428f46ff2521fcb24b8ff2bf6a376", s.Signature);
        Assert.NotEqual("c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c20cd70fc3a78ff", s.Signature);
    }

    [Theory]
    [InlineData("{\"Limit\": 1, \"Filters\": [{\"Values\": [\"unnamed\"], \"Name\": \"instance-name\"}] }", "2dda140a93b161627f9b522f7c81c413c9511f0e55f0ebd2c2ffb161f17e2367")] // Java/C++ demo
    [InlineData("{\"Limit\": 1, \"Filters\": [{\"Name\": \"instance-name\", \"Values\": [\"unnamed\"]}]}", "18a9d9d8fb4a550e75714882d32b6b6a28e54609ce90de7aca3c8d74b6b9608c")] // Python demo
    public void Post_PayloadIsSignedByteForByte(string payload, string expectedHash)
    {
        var input = DocumentedPost();
        input.Payload = Encoding.UTF8.GetBytes(payload);
        var s = Tc3Signer.Sign(input, DocSecretId, DocSecretKey7);
        Assert.Equal(expectedHash, s.HashedRequestPayload);
        Assert.NotEqual("c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c20cd70fc3a78ff", s.Signature);
    }

    // ---- Section 8: GET vector of the Common Params chapter ----

    [Fact]
    public void Get_EveryIntermediate_MatchesComputed_And_SignatureMatchesDocumented()
    {
        var s = Tc3Signer.Sign(DocumentedGet(), ExampleSecretId, ExampleSecretKey);
        Assert.Equal(EmptySha256, s.HashedRequestPayload);
        Assert.Equal(
            "GET\n/\nLimit=10&Offset=0\ncontent-type:application/x-www-form-urlencoded\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n" + EmptySha256,
            s.CanonicalRequest);
        Assert.Equal("91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7", s.HashedCanonicalRequest);
        Assert.Equal("2018-10-09/cvm/tc3_request", s.CredentialScope);
        Assert.Equal("TC3-HMAC-SHA256\n1539084154\n2018-10-09/cvm/tc3_request\n91c9c192c14460df6c1ffc69e34e6c5e90708de2a6d282cccf957dbf1aa7f3a7", s.StringToSign);
        Assert.Equal("5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474", s.Signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2018-10-09/cvm/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474",
            s.Authorization);
    }

    [Fact]
    public void Get_DerivedKeys()
    {
        var k = Tc3Signer.DeriveSigningKeys(ExampleSecretKey, "2018-10-09", "cvm");
        Assert.Equal("e476728ff6d7bacfa7847b3d3d6d3a9e6f536992367701d4533354ca7b5d0fa5", Hex(k.SecretDate));
        Assert.Equal("6e3d6d4854b8adc273db620fefefebecb11004f335f9991439eba3c231030714", Hex(k.SecretService));
        Assert.Equal("39c4cf287fdff993dc407e649450ae4a0f1e1fd75aedb08d8160e47372e9b62d", Hex(k.SecretSigning));
    }

    [Fact]
    public void Get_MethodIsUpperCased()
    {
        var input = DocumentedGet();
        input.Method = "get";
        Assert.Equal("5da7a33f6993f0614b047e5df4582db9e9bf4672ba50567dba16c6ccf174c474", Tc3Signer.Sign(input, ExampleSecretId, ExampleSecretKey).Signature);
    }

    // ---- Section 9: CLB-shaped vector ----

    [Fact]
    public void Clb_DescribeLoadBalancers_Vector()
    {
        var input = new Tc3SigningInput
        {
            Host = "clb.tencentcloudapi.com",
            ContentType = "application/json",
            Payload = Encoding.UTF8.GetBytes("{\"LoadBalancerIds\":[\"lb-rbw5****\"]}"),
            Timestamp = 1551113065,
        };
        Assert.Equal("POST", input.Method);
        Assert.Equal("clb", input.Service);
        var s = Tc3Signer.Sign(input, ExampleSecretId, ExampleSecretKey);
        Assert.Equal("7dc48b5d51b45ee5f806983b407aa7b4f6b24cb8efc5e3096ad13f1a04e49b04", s.HashedRequestPayload);
        Assert.Equal(
            "POST\n/\n\ncontent-type:application/json\nhost:clb.tencentcloudapi.com\n\ncontent-type;host\n7dc48b5d51b45ee5f806983b407aa7b4f6b24cb8efc5e3096ad13f1a04e49b04",
            s.CanonicalRequest);
        Assert.Equal("2019-02-25/clb/tc3_request", s.CredentialScope);
        Assert.Equal("8852513ce7f4afbc086a8d08ef4692debfcd28b9bdec43d5cac0868af22a8c42", s.HashedCanonicalRequest);
        Assert.Equal("TC3-HMAC-SHA256\n1551113065\n2019-02-25/clb/tc3_request\n8852513ce7f4afbc086a8d08ef4692debfcd28b9bdec43d5cac0868af22a8c42", s.StringToSign);
        Assert.Equal("fc6680e581f02b14936b06914266ad2b0a0b7617aa6324ebecb0a54029e9f0fc", s.Signature);
        Assert.Equal(
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, " +
            "Signature=fc6680e581f02b14936b06914266ad2b0a0b7617aa6324ebecb0a54029e9f0fc",
            s.Authorization);
    }

    // ---- Section 4: the UTC date pitfall ----

    [Theory]
    [InlineData(1551113065L, "2019-02-25")] // 2019-02-26 00:44:25 in UTC+8, still the 25th in UTC
    [InlineData(1539084154L, "2018-10-09")]
    [InlineData(0L, "1970-01-01")]
    [InlineData(1551139199L, "2019-02-25")] // 23:59:59 UTC
    [InlineData(1551139200L, "2019-02-26")] // 00:00:00 UTC
    public void DateOf_IsTheUtcCalendarDate(long timestamp, string expected)
    {
        Assert.Equal(expected, Tc3Signer.DateOf(timestamp));
    }

    [Fact]
    public void DateOf_DoesNotDependOnCurrentCulture()
    {
        System.Globalization.CultureInfo thai;
        try { thai = new System.Globalization.CultureInfo("th-TH"); } // Buddhist calendar
        catch (System.Globalization.CultureNotFoundException) { return; } // invariant-globalization machine
        var old = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = thai;
            Assert.Equal("2019-02-25", Tc3Signer.DateOf(1551113065));
            Assert.Equal("1551113065", Tc3Signer.Sign(DocumentedPost(), DocSecretId, DocSecretKey7).StringToSign.Split('\n')[1]);
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = old; }
    }

    // ---- Section 3: header normalisation ----

    [Fact]
    public void CanonicalHeaders_AreTrimmedAndLowerCased()
    {
        var input = DocumentedPost();
        input.Host = "  CVM.TencentCloudAPI.com ";
        input.ContentType = " Application/JSON; charset=UTF-8";
        var s = Tc3Signer.Sign(input, DocSecretId, DocSecretKey7);
        Assert.Equal("c492e8e41437e97a620b728c301bb8d17e7dc0c17eeabce80c20cd70fc3a78ff", s.Signature);
    }

    [Fact]
    public void Sign_RefusesMissingArguments()
    {
        Assert.Throws<ArgumentNullException>(() => Tc3Signer.Sign(null!, "id", "key"));
        Assert.Throws<ArgumentException>(() => Tc3Signer.Sign(DocumentedPost(), "", "key"));
        var e = Assert.Throws<ArgumentException>(() => Tc3Signer.Sign(DocumentedPost(), "id", ""));
        Assert.Equal("secretKey", e.ParamName);
    }

    // ---- ParseAuthorization ----

    [Fact]
    public void ParseAuthorization_RoundTripsSign()
    {
        foreach (var (input, id, key) in new[] { (DocumentedPost(), DocSecretId, DocSecretKey7), (DocumentedGet(), ExampleSecretId, ExampleSecretKey) })
        {
            var s = Tc3Signer.Sign(input, id, key);
            var h = Tc3Signer.ParseAuthorization(s.Authorization);
            Assert.NotNull(h);
            Assert.Equal(id, h!.SecretId);
            Assert.Equal(Tc3Signer.DateOf(input.Timestamp), h.Date);
            Assert.Equal("cvm", h.Service);
            Assert.Equal(Tc3Signature.SignedHeaders, h.SignedHeaders);
            Assert.Equal(s.Signature, h.Signature);
        }
    }

    [Fact]
    public void ParseAuthorization_ToleratesSurroundingWhitespaceAndCommasWithoutSpaces()
    {
        var h = Tc3Signer.ParseAuthorization("  TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request,SignedHeaders=content-type;host,Signature=ABCdef01  ");
        Assert.NotNull(h);
        Assert.Equal("AKIDx", h!.SecretId);
        Assert.Equal("clb", h.Service);
        Assert.Equal("ABCdef01", h.Signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("TC3-HMAC-SHA256")]
    [InlineData("TC3-HMAC-SHA256 ")]
    [InlineData("HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")]
    [InlineData("tc3-hmac-sha256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")]
    [InlineData("TC3-HMAC-SHA256Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")]
    [InlineData("TC3-HMAC-SHA256 SignedHeaders=content-type;host, Signature=abcd")] // no Credential
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, Signature=abcd")] // no SignedHeaders
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host")] // no Signature
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=")] // empty Signature
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=xyz!")] // not hex
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb, SignedHeaders=content-type;host, Signature=abcd")] // short scope
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_requ, SignedHeaders=content-type;host, Signature=abcd")] // cut terminator
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/x/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")] // five parts
    [InlineData("TC3-HMAC-SHA256 Credential=/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")] // empty SecretId
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx//clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd")] // empty date
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/20180525/cvm/tc3_request, SignedHeaders=content-type;host, Signature=abcd")] // the seed's damaged scope
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25//tc3_request, SignedHeaders=content-type;host, Signature=abcd")] // empty service
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=, Signature=abcd")] // empty headers
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;;host, Signature=abcd")]
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd, Signature=abcd")] // repeated
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd, Extra=1")] // unknown part
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request, SignedHeaders=content-type;host, Signature=abcd,")] // trailing comma
    [InlineData("TC3-HMAC-SHA256 Credential=AKIDx/2019-02-25/clb/tc3_request SignedHeaders=content-type;host Signature=abcd")] // no commas
    public void ParseAuthorization_RejectsMalformedHeaders(string? header)
    {
        Assert.Null(Tc3Signer.ParseAuthorization(header));
    }
}
