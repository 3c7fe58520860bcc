using System.Buffers.Binary;

namespace SessionMcp.Tests.Common;

/// <summary>Reads width and height from PNG and JPEG headers, so a test can check an image is what it claims to be.</summary>
public static class ImageSize
{
    public static (int Width, int Height) Of(byte[] image)
    {
        if (image.Length > 24 && image[0] == 0x89 && image[1] == (byte)'P' && image[2] == (byte)'N' && image[3] == (byte)'G')
        {
            return (BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(image.AsSpan(20)));
        }

        if (image.Length > 4 && image[0] == 0xFF && image[1] == 0xD8)
        {
            var i = 2;
            while (i + 9 < image.Length)
            {
                if (image[i] != 0xFF)
                {
                    i++;
                    continue;
                }

                var marker = image[i + 1];
                var length = BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(i + 2));
                // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
                if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
                {
                    return (BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(i + 7)), BinaryPrimitives.ReadUInt16BigEndian(image.AsSpan(i + 5)));
                }

                i += 2 + length;
            }
        }

        throw new InvalidDataException("not a PNG or JPEG image");
    }
}
