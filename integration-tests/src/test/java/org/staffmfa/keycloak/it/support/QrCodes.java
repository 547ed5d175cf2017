package org.staffmfa.keycloak.it.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

/** Decodes a QR code image as an authenticator app's camera would. */
public final class QrCodes {

    private QrCodes() {
    }

    /** @param dataUri {@code data:image/png;base64,...} as in an img src */
    public static String decodeDataUri(String dataUri) {
        String base64 = dataUri.substring(dataUri.indexOf(',') + 1).trim();
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            return new MultiFormatReader().decode(bitmap).getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NotFoundException e) {
            throw new AssertionError("No QR code in the image", e);
        }
    }
}
