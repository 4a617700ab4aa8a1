namespace NotificationOps.Engine.Templates;

/// <summary>
/// How many SMS parts a text takes: GSM-7 when every character is in the GSM 03.38 alphabet (extension characters
/// count twice), 160 characters in one part and 153 per part when split; otherwise UCS-2, 70 and 67 (UTF-16 units).
/// </summary>
public static class SmsSegments
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "^{}\\[~]|€\f";

    public static (string Encoding, int Units, int Segments) Count(string text)
    {
        var gsm = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c))
            {
                gsm++;
            }
            else if (Extension.Contains(c))
            {
                gsm += 2;
            }
            else
            {
                return ("UCS-2", text.Length, Parts(text.Length, 70, 67));
            }
        }

        return ("GSM-7", gsm, Parts(gsm, 160, 153));
    }

    private static int Parts(int units, int single, int multi) => units == 0 ? 0 : units <= single ? 1 : (units + multi - 1) / multi;
}
