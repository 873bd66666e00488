import { useEffect, useRef, useState } from 'react';
import { notAuthenticatorMessage, payloadScheme } from '../../../shared/scan/classify-payload';
import { decodeVideoFrames } from './camera-frames';

export interface CameraScannerProps {
  /** Authenticator payloads read from the camera (otpauth / otpauth-migration). Key material. */
  onPayloads: (payloads: string[]) => void;
}

/** What getUserMedia's DOMException means for the user, and what to do. */
export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Twofold is not allowed to use the camera. Allow camera access for Twofold (on macOS: System Settings > Privacy & Security > Camera), then try again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'No camera was found. Connect a camera, or scan the code from the screen or an image file instead.';
  if (name === 'NotReadableError' || name === 'AbortError') return 'The camera is in use by another application, or could not be started. Close that application and try again.';
  return `The camera could not be started (${error instanceof Error ? error.message : String(error)}).`;
}

/**
 * Camera preview with a camera picker. Frames are decoded in a Web Worker at a steady rate; every
 * new authenticator payload goes to `onPayloads` (the dialog sends it to main, which decides
 * what it is). A code that is not an authenticator code is named here and scanning goes on.
 */
export function CameraScanner({ onPayloads }: CameraScannerProps) {
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [error, setError] = useState<string | null>(null);
  const [foreign, setForeign] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const onPayloadsRef = useRef(onPayloads);
  useEffect(() => {
    onPayloadsRef.current = onPayloads;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let frames: { stop(): void } | null = null;
    let cancelled = false;
    const seen = new Set<string>();
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({
          video: deviceId ? { deviceId: { exact: deviceId }, width: { ideal: 1280 }, height: { ideal: 720 } } : { width: { ideal: 1280 }, height: { ideal: 720 } },
          audio: false,
        });
      } catch (e) {
        if (!cancelled) setError(cameraErrorMessage(e));
        return;
      }
      if (cancelled || !video.current) {
        stream.getTracks().forEach((t) => t.stop());
        return;
      }
      // Labels are only readable once permission is granted, so list the cameras now.
      const all = await navigator.mediaDevices.enumerateDevices();
      if (!cancelled) setDevices(all.filter((d) => d.kind === 'videoinput'));
      video.current.srcObject = stream;
      await video.current.play().catch(() => {});
      setError(null);
      setLive(true);
      frames = decodeVideoFrames(
        video.current,
        (texts) => {
          const fresh = texts.filter((t) => !seen.has(t));
          if (fresh.length === 0) return;
          fresh.forEach((t) => seen.add(t));
          const ours = fresh.filter((t) => ['otpauth', 'otpauth-migration'].includes(payloadScheme(t) ?? ''));
          if (ours.length > 0) {
            setForeign(null);
            onPayloadsRef.current(ours);
          } else {
            setForeign(notAuthenticatorMessage(payloadScheme(fresh[0]!)));
          }
        },
        (message) => setError(message),
      );
    })();
    return () => {
      cancelled = true;
      frames?.stop();
      stream?.getTracks().forEach((t) => t.stop());
      setLive(false);
    };
  }, [deviceId]);

  return (
    <div className="scan-camera">
      {devices.length > 1 && (
        <label className="scan-camera-picker">
          <span>Camera</span>
          <select className="select" value={deviceId || devices[0]?.deviceId} onChange={(e) => setDeviceId(e.target.value)}>
            {devices.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || `Camera ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      )}
      {error ? (
        <div className="callout callout-danger" role="alert">
          {error}
        </div>
      ) : (
        <div className="scan-video-frame">
          <video ref={video} className="scan-video" muted playsInline aria-label="Camera preview" />
          <p className="scan-video-hint" role="status">
            {foreign ?? (live ? 'Hold the QR code in front of the camera…' : 'Starting the camera…')}
          </p>
        </div>
      )}
    </div>
  );
}
