package org.staffmfa.keycloak.factor.totp;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * Draws the set-up QR code as a PNG for an {@code <img src="data:image/png;base64,…">}, with the ZXing core that every
 * supported Keycloak ships (Keycloak's own helper for this exists only from 26.7 on).
 */
final class QrCodeImage {

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;

    private QrCodeImage() {
    }

    /** @return the PNG, Base64-encoded */
    static String pngBase64(String content, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, size, size);
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? BLACK : WHITE);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return Base64.getEncoder().encodeToString(png.toByteArray());
        } catch (WriterException e) {
            throw new IllegalArgumentException("Could not draw the QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
