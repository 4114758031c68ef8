using ClbPowerShell.Client.Signing;

namespace ClbPowerShell.Tests.Signing;

/// <summary>Every vector of /work/shared/api/signature-v1.md.</summary>
public class V1SignerTests
{
    // A.5: the documented signature is reproduced with 7-asterisk masks in both SecretId and SecretKey.
    private const string DocId7 = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******";
    private const string DocKey7 = "Gu5t9xGARNpq86cd98joQYCN3*******";
    private const string DocId5 = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3*****";
    private const string DocKey5 = "Gu5t9xGARNpq86cd98joQYCN3*****";
    private const string ExampleId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
    private const string ExampleKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
    private const string LegacyId = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA";
    private const string LegacyKey = "Gu5t9xGARNpq86cd98joQYCN3Cozk1qA";

    private static V1SigningInput Api3Documented()
    {
        var input = new V1SigningInput { Method = "GET", Host = "cvm.tencentcloudapi.com", Path = V1Signer.Api3Path };
        // Deliberately not in sorted order: the signer sorts.
        input.Parameters["Version"] = "2017-03-12";
        input.Parameters["Timestamp"] = "1465185768";
        input.Parameters["Region"] = "ap-guangzhou";
        input.Parameters["Offset"] = "0";
        input.Parameters["Nonce"] = "11886";
        input.Parameters["Limit"] = "20";
        input.Parameters["InstanceIds.0"] = "ins-09dx96dg";
        input.Parameters["Action"] = "DescribeInstances";
        return input;
    }

    private static string Api3RequestString(string id) =>
        "Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=" + id +
        "&Timestamp=1465185768&Version=2017-03-12";

    // ---- Part A: API 3.0 HmacSHA1 documented vector ----

    [Fact]
    public void Api3_Documented_RequestString_StringToSign_Signature()
    {
        var s = V1Signer.Sign(Api3Documented(), DocId7, DocKey7);
        Assert.Equal(V1SignatureMethod.HmacSHA1, s.SignatureMethod);
        Assert.Equal(Api3RequestString(DocId7), s.RequestString);
        Assert.Equal("GETcvm.tencentcloudapi.com/?" + Api3RequestString(DocId7), s.StringToSign);
        Assert.Equal("zmmjn35mikh6pM3V7sUEuX4wyYM=", s.Signature);
    }

    [Fact]
    public void Api3_Documented_WithThePrintedFiveAsteriskCredentials_GivesTheComputedOtherValue()
    {
        var s = V1Signer.Sign(Api3Documented(), DocId5, DocKey5);
        // The documented strings themselves (as printed, 5 asterisks):
        Assert.Equal(
            "Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*****&Timestamp=1465185768&Version=2017-03-12",
            s.RequestString);
        Assert.Equal(
            "GETcvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*****&Timestamp=1465185768&Version=2017-03-12",
            s.StringToSign);
        Assert.Equal("LMf8l6Sq92uxKG36oiv3h29TESE=", s.Signature);
    }

    [Fact]
    public void Api3_Documented_FinalUrl()
    {
        var s = V1Signer.Sign(Api3Documented(), DocId7, DocKey7);
        // The documented URL, with the signature URL-encoded and placed in sorted position. The service wants
        // RFC 3986 encoding of values, so the (masking) '*' of the SecretId is sent as %2A; the seed prints it raw.
        Assert.Equal(
            "https://cvm.tencentcloudapi.com/?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou" +
            "&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3%2A%2A%2A%2A%2A%2A%2A&Signature=zmmjn35mikh6pM3V7sUEuX4wyYM%3D&Timestamp=1465185768&Version=2017-03-12",
            s.Url());
        Assert.Contains("&Signature=zmmjn35mikh6pM3V7sUEuX4wyYM%3D&", s.QueryString);
        Assert.Equal(s.QueryString, s.FormBody);
        // Decoding what is sent gives back exactly the signed raw values plus the raw signature.
        var decoded = V1Signer.ParseQuery(s.QueryString);
        Assert.Equal(s.SortedParameters.Count + 1, decoded.Count);
        Assert.Contains(new KeyValuePair<string, string>("Signature", "zmmjn35mikh6pM3V7sUEuX4wyYM="), decoded);
        Assert.Contains(new KeyValuePair<string, string>("SecretId", DocId7), decoded);
    }

    [Fact]
    public void Api3_HmacSHA256_ComputedVector()
    {
        var input = Api3Documented();
        input.SignatureMethod = V1SignatureMethod.HmacSHA256;
        var s = V1Signer.Sign(input, DocId7, DocKey7);
        Assert.Equal(V1SignatureMethod.HmacSHA256, s.SignatureMethod);
        Assert.Equal(
            "Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=" + DocId7 +
            "&SignatureMethod=HmacSHA256&Timestamp=1465185768&Version=2017-03-12",
            s.RequestString);
        Assert.Equal("czb75sAwt2P15FCqA4ugj88/aUVor/dVp3fCS/7mQiY=", s.Signature);
        Assert.Contains("&Signature=czb75sAwt2P15FCqA4ugj88%2FaUVor%2FdVp3fCS%2F7mQiY%3D&SignatureMethod=HmacSHA256&", s.QueryString);
    }

    [Fact]
    public void Api3_HmacSHA256_ChosenByTheParameterItself()
    {
        var input = Api3Documented();
        input.Parameters["SignatureMethod"] = "HmacSHA256";
        Assert.Equal("czb75sAwt2P15FCqA4ugj88/aUVor/dVp3fCS/7mQiY=", V1Signer.Sign(input, DocId7, DocKey7).Signature);
    }

    [Fact]
    public void Api3_ExampleKeys_GiveTheSignatureQuotedInTheV3Chapter()
    {
        var s = V1Signer.Sign(Api3Documented(), ExampleId, ExampleKey);
        Assert.Equal("GETcvm.tencentcloudapi.com/?" + Api3RequestString(ExampleId), s.StringToSign);
        Assert.Equal("EliP9YW3pW28FpsEdkXt/+WcGeI=", s.Signature);
        Assert.Contains("Signature=EliP9YW3pW28FpsEdkXt%2F%2BWcGeI%3D", s.QueryString);
    }

    [Fact]
    public void Api3_Post_SignsWithPostPrefix()
    {
        var input = Api3Documented();
        input.Method = "post";
        var s = V1Signer.Sign(input, DocId7, DocKey7);
        Assert.StartsWith("POSTcvm.tencentcloudapi.com/?Action=", s.StringToSign);
        Assert.NotEqual("zmmjn35mikh6pM3V7sUEuX4wyYM=", s.Signature);
    }

    // ---- Part B: legacy 2017 API ----

    private static V1SigningInput LegacyVector1(string signatureMethod)
    {
        var input = new V1SigningInput { Method = "GET", Host = "cvm.api.qcloud.com", Path = V1Signer.LegacyPath, ReplaceUnderscoresInNames = true };
        input.Parameters["Action"] = "DescribeInstances";
        input.Parameters["InstanceIds.0"] = "ins-09dx96dg";
        input.Parameters["Nonce"] = "11886";
        input.Parameters["Region"] = "ap-guangzhou";
        input.Parameters["SignatureMethod"] = signatureMethod;
        input.Parameters["Timestamp"] = "1465185768";
        return input;
    }

    [Fact]
    public void Legacy_Vector1_HmacSHA256()
    {
        var s = V1Signer.Sign(LegacyVector1("HmacSHA256"), LegacyId, LegacyKey);
        Assert.Equal(V1SignatureMethod.HmacSHA256, s.SignatureMethod);
        Assert.Equal(
            "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=" + LegacyId +
            "&SignatureMethod=HmacSHA256&Timestamp=1465185768",
            s.StringToSign);
        Assert.Equal("0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=", s.Signature);
        Assert.Contains("Signature=0EEm%2FHtGRr%2FVJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s%3D", s.QueryString);
        Assert.StartsWith("https://cvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&", s.Url());
    }

    [Fact]
    public void Legacy_Vector1_HmacSHA256_AgreesWithThePrintedMask()
    {
        // Printed: 0EEem/HtGRr/VJXT****YMth1Bzm3lLHz5RCDv1GdM8s= (extra 'e', 4 masked chars).
        var sig = V1Signer.Sign(LegacyVector1("HmacSHA256"), LegacyId, LegacyKey).Signature;
        Assert.StartsWith("0EEm/HtGRr/VJXT", sig);
        Assert.EndsWith("YMth1Bzm3lLHz5RCDv1GdM8s=", sig);
    }

    [Fact]
    public void Legacy_Vector1_HmacSHA1()
    {
        var s = V1Signer.Sign(LegacyVector1("HmacSHA1"), LegacyId, LegacyKey);
        Assert.Equal(V1SignatureMethod.HmacSHA1, s.SignatureMethod);
        Assert.Contains("&SignatureMethod=HmacSHA1&", s.StringToSign);
        Assert.Equal("nPVnY6njQmwQ8ciqbPl5Qe+Oru4=", s.Signature);
        // Printed: ****Y6nj****8ciqbP15Qe+Oru4= ('l' read as '1').
        Assert.Equal("Y6nj", s.Signature.Substring(4, 4));
        Assert.EndsWith("8ciqbPl5Qe+Oru4=", s.Signature);
        Assert.Contains("Signature=nPVnY6njQmwQ8ciqbPl5Qe%2BOru4%3D", s.QueryString);
    }

    [Fact]
    public void Legacy_Vector1_HmacSHA1_OverTheHmacSHA256String()
    {
        var s = V1Signer.Sign(LegacyVector1("HmacSHA256"), LegacyId, LegacyKey);
        Assert.Equal("RVSD1I6ip2Zo56I2HdqRVrt+1TE=", V1Signer.ComputeSignature(s.StringToSign, LegacyKey, V1SignatureMethod.HmacSHA1));
    }

    private static V1SigningInput LegacyVector2()
    {
        var input = new V1SigningInput { Method = "GET", Host = "cvm.api.qcloud.com", Path = V1Signer.LegacyPath, ReplaceUnderscoresInNames = true };
        input.Parameters["Action"] = "DescribeInstances";
        input.Parameters["Nonce"] = "345122";
        input.Parameters["Region"] = "gz";
        input.Parameters["Timestamp"] = "1408704141";
        return input;
    }

    [Fact]
    public void Legacy_ApiAuthentication_Vector_HmacSHA1()
    {
        var s = V1Signer.Sign(LegacyVector2(), LegacyId, LegacyKey);
        Assert.Equal(
            "GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=345122&Region=gz&SecretId=" + LegacyId + "&Timestamp=1408704141",
            s.StringToSign);
        Assert.Equal("HgIYOPcx5lN6gz8JsCFBNAWp2oQ=", s.Signature);
        Assert.Contains("Signature=HgIYOPcx5lN6gz8JsCFBNAWp2oQ%3D", s.QueryString);
    }

    [Fact]
    public void Legacy_ApiAuthentication_Vector_WithInstanceIds_LowerCaseSortsAfterUpperCase()
    {
        var input = LegacyVector2();
        input.Parameters["instanceIds.1"] = "qcvm56789";
        input.Parameters["instanceIds.0"] = "qcvm12345";
        var s = V1Signer.Sign(input, LegacyId, LegacyKey);
        Assert.EndsWith("&Timestamp=1408704141&instanceIds.0=qcvm12345&instanceIds.1=qcvm56789", s.StringToSign);
        Assert.Equal("66prolcgMqz0pm5B52x1Z5ulz/Q=", s.Signature);
    }

    [Fact]
    public void Legacy_UnderscoresInNamesBecomeDots_ValuesUntouched()
    {
        var input = LegacyVector2();
        input.Parameters["Placement_Zone"] = "CN_GUANGZHOU";
        var s = V1Signer.Sign(input, LegacyId, LegacyKey);
        Assert.Contains("&Placement.Zone=CN_GUANGZHOU&", s.StringToSign);
        Assert.Contains("&Placement.Zone=CN_GUANGZHOU&", s.QueryString);
        Assert.DoesNotContain("Placement_Zone", s.QueryString);

        var api3 = Api3Documented();
        api3.Parameters["Placement_Zone"] = "CN_GUANGZHOU";
        Assert.Contains("&Placement_Zone=CN_GUANGZHOU&", V1Signer.Sign(api3, DocId7, DocKey7).StringToSign);
    }

    [Fact]
    public void Legacy_NameCollisionAfterUnderscoreReplacementIsRefused()
    {
        var input = LegacyVector2();
        input.Parameters["a_b"] = "1";
        input.Parameters["a.b"] = "2";
        Assert.Throws<ArgumentException>(() => V1Signer.Sign(input, LegacyId, LegacyKey));
    }

    // ---- rules ----

    [Fact]
    public void Sort_IsOrdinal_NotAlphabeticalOrNumeric()
    {
        var rs = V1Signer.BuildRequestString(new Dictionary<string, string>
        {
            ["InstanceIds.2"] = "c", ["InstanceIds.12"] = "b", ["instanceIds.0"] = "d", ["Action"] = "a", ["Signature"] = "ignored",
        });
        Assert.Equal("Action=a&InstanceIds.12=b&InstanceIds.2=c&instanceIds.0=d", rs);
    }

    [Fact]
    public void StringToSign_UsesRawValues_TheSentQueryUsesEncodedValues()
    {
        var input = new V1SigningInput { Host = "clb.tencentcloudapi.com" };
        input.Parameters["Action"] = "DescribeLoadBalancers";
        input.Parameters["LoadBalancerName"] = "web lb/ä&=+";
        var s = V1Signer.Sign(input, "AKIDx", "key");
        Assert.Contains("&LoadBalancerName=web lb/ä&=+&", s.StringToSign);
        Assert.Contains("&LoadBalancerName=web%20lb%2F%C3%A4%26%3D%2B&", s.QueryString);
        var decoded = V1Signer.ParseQuery(s.QueryString).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("web lb/ä&=+", decoded["LoadBalancerName"]);
    }

    [Theory]
    [InlineData("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [InlineData(" ", "%20")]
    [InlineData("*", "%2A")]
    [InlineData("=/+", "%3D%2F%2B")]
    [InlineData("未命名", "%E6%9C%AA%E5%91%BD%E5%90%8D")]
    [InlineData("\u00ff", "%C3%BF")]
    public void UrlEncode_IsRfc3986WithUpperCaseEscapes(string raw, string encoded)
    {
        Assert.Equal(encoded, V1Signer.UrlEncode(raw));
    }

    [Theory]
    [InlineData(null, V1SignatureMethod.HmacSHA1)]
    [InlineData("", V1SignatureMethod.HmacSHA1)]
    [InlineData("HmacSHA1", V1SignatureMethod.HmacSHA1)]
    [InlineData("HmacSHA256", V1SignatureMethod.HmacSHA256)]
    [InlineData("hmacsha256", V1SignatureMethod.HmacSHA1)] // only the exact value selects SHA-256
    [InlineData("HmacSHA512", V1SignatureMethod.HmacSHA1)]
    public void ParseSignatureMethod_DefaultsToSha1(string? value, V1SignatureMethod expected)
    {
        Assert.Equal(expected, V1Signer.ParseSignatureMethod(value));
    }

    [Fact]
    public void SignatureParameter_IsNeverSigned_AndReplacedInTheQuery()
    {
        var input = Api3Documented();
        input.Parameters["Signature"] = "stale";
        var s = V1Signer.Sign(input, DocId7, DocKey7);
        Assert.Equal("zmmjn35mikh6pM3V7sUEuX4wyYM=", s.Signature);
        Assert.DoesNotContain("stale", s.QueryString);
    }

    [Fact]
    public void Token_IsSignedLikeAnyOtherParameter()
    {
        var input = Api3Documented();
        input.Parameters["Token"] = "tok";
        var s = V1Signer.Sign(input, DocId7, DocKey7);
        Assert.Contains("&Timestamp=1465185768&Token=tok&Version=", s.StringToSign);
    }

    [Fact]
    public void ConflictingSecretIdOrSignatureMethod_IsRefused()
    {
        var a = Api3Documented();
        a.Parameters["SecretId"] = "other";
        Assert.Throws<ArgumentException>(() => V1Signer.Sign(a, DocId7, DocKey7));

        var b = Api3Documented();
        b.Parameters["SignatureMethod"] = "HmacSHA1";
        b.SignatureMethod = V1SignatureMethod.HmacSHA256;
        Assert.Throws<ArgumentException>(() => V1Signer.Sign(b, DocId7, DocKey7));

        var c = Api3Documented();
        c.Parameters["SecretId"] = DocId7; // the same value is fine
        Assert.Equal("zmmjn35mikh6pM3V7sUEuX4wyYM=", V1Signer.Sign(c, DocId7, DocKey7).Signature);
    }

    [Fact]
    public void Sign_RefusesMissingArguments_WithoutEchoingTheKey()
    {
        Assert.Throws<ArgumentNullException>(() => V1Signer.Sign(null!, "id", "key"));
        Assert.Throws<ArgumentException>(() => V1Signer.Sign(Api3Documented(), "", DocKey7));
        Assert.Throws<ArgumentException>(() => V1Signer.Sign(Api3Documented(), DocId7, ""));
        var noHost = Api3Documented();
        noHost.Host = "";
        var e = Assert.Throws<ArgumentException>(() => V1Signer.Sign(noHost, DocId7, DocKey7));
        Assert.DoesNotContain(DocKey7, e.ToString());
    }
}
