using System;
using System.Net;
using System.Text.RegularExpressions;

namespace ClbPowerShell.Client.Transport
{
    /// <summary>Chooses and validates the address requests go to.</summary>
    public static class ClbEndpoint
    {
        public const string DefaultHost = "clb.tencentcloudapi.com";
        public const string IntlHost = "clb.intl.tencentcloudapi.com";
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2,}(-[a-z0-9]+)+$", RegexOptions.CultureInvariant);
        private static readonly Regex HostPattern = new Regex(@"^[A-Za-z0-9]([A-Za-z0-9\-\.]*[A-Za-z0-9])?$|^\[[0-9A-Fa-f:\.]+\]$", RegexOptions.CultureInvariant);

        public static bool IsValidRegion(string? region) => region != null && RegionPattern.IsMatch(region);

        /// <summary>
        /// An explicit endpoint wins (a host name means https); otherwise the regional domain when asked for,
        /// else the nearest-region domain (or its intl twin). Plain http is allowed only to loopback addresses.
        /// </summary>
        public static Uri Resolve(string? endpoint, string? region, bool intl = false, bool regional = false)
        {
            if (region != null && !IsValidRegion(region))
                throw new ClbConfigurationException(
                    "Region '" + region + "' is not a valid region name; expected something like 'ap-guangzhou' or 'na-siliconvalley'.", "Region");

            if (string.IsNullOrWhiteSpace(endpoint))
            {
                string host;
                if (regional && region != null) host = intl ? "clb." + region + ".intl.tencentcloudapi.com" : "clb." + region + ".tencentcloudapi.com";
                else host = intl ? IntlHost : DefaultHost;
                return new Uri("https://" + host + "/");
            }

            var text = endpoint!.Trim();
            if (!text.Contains("://")) text = "https://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !HostPattern.IsMatch(uri.Host))
                throw new ClbConfigurationException("Endpoint '" + endpoint + "' is not a valid URL or host name.", "Endpoint");
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                throw new ClbConfigurationException("Endpoint '" + endpoint + "' must use https (or http to a loopback address).", "Endpoint");
            if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
                throw new ClbConfigurationException(
                    "Endpoint '" + endpoint + "' uses plain http to a non-loopback host; credentials-signed traffic must use https. Plain http is allowed only to 127.0.0.0/8, ::1 and localhost (the local emulator).", "Endpoint");
            if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query))
                throw new ClbConfigurationException("Endpoint '" + endpoint + "' must not have a path or query; API 3.0 requests go to '/'.", "Endpoint");
            return uri;
        }

        public static bool IsLoopback(Uri uri)
        {
            if (uri.IsLoopback) return true;
            return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
        }
    }
}
