using QRCoder;

namespace PasskeyGateway.Pages;

/// <summary>
/// QR codes as SVG markup, drawn on the server with QRCoder (no CDN, no script library): the admin page shows an
/// enrollment link's code inline, since its CSP forbids <c>data:</c> images.
/// </summary>
internal static class QrCodes
{
    /// <summary>Long enough for any enrollment link; a QR code at level M holds 2,331 bytes.</summary>
    public const int MaxTextLength = 1024;

    public static string Svg(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(text.Length, MaxTextLength);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
