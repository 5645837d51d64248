import { useEffect, useState } from 'react';
import QRCode from 'qrcode';
import type { MyRegistration } from '../../types';

/** The check-in code as a QR code for the organizer's scanner, and in letters to read out or type. */
export function CheckInCode({ registration }: { registration: MyRegistration }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void QRCode.toDataURL(registration.code, { width: 220, margin: 1, errorCorrectionLevel: 'M' }).then((url) => {
      if (current) {
        setImage(url);
      }
    });
    return () => {
      current = false;
    };
  }, [registration.code]);
  const grouped = `${registration.code.slice(0, 4)} ${registration.code.slice(4)}`;
  return (
    <div className="h5-card h5-hearing-code" data-testid="check-in-card">
      {image ? <img src={image} width={220} height={220} alt={`签到二维码，签到码 ${grouped}`} /> : null}
      <p className="h5-code-label">签到码</p>
      <p className="h5-code-value" data-testid="check-in-code-value">
        {grouped}
      </p>
      <p className="h5-hint">请到场后出示二维码，或把签到码告诉工作人员。</p>
    </div>
  );
}
