/**
 * Grabs frames from a <video> at a steady rate and decodes them in the camera Web Worker, one
 * frame at a time (a new frame is taken only after the previous answer, so a slow machine drops
 * frames instead of queueing them). Calls `onCodes` with every frame's payloads until stopped.
 *
 * Key material: payloads may hold OTP secrets; they only go to `onCodes`.
 */
export interface FrameDecoder {
  stop(): void;
}

export const FRAME_INTERVAL_MS = 150;
/** Frames are scaled down to at most this width: a 1080p webcam frame decodes 4x faster at 960. */
const MAX_FRAME_WIDTH = 1280;

export function decodeVideoFrames(video: HTMLVideoElement, onCodes: (texts: string[]) => void, onError: (message: string) => void): FrameDecoder {
  const worker = new Worker(new URL('./camera-decode-worker.ts', import.meta.url), { type: 'module' });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;

  const schedule = () => {
    if (!stopped) timer = setTimeout(grab, FRAME_INTERVAL_MS);
  };
  const grab = () => {
    if (stopped || !context) return;
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return schedule();
    const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    worker.postMessage({ id: nextId++, width: frame.width, height: frame.height, pixels: frame.data.buffer }, [frame.data.buffer]);
  };
  worker.onmessage = (event: MessageEvent<{ id: number; texts?: string[]; error?: string }>) => {
    if (stopped) return;
    if (event.data.error) onError(`The camera decoder failed: ${event.data.error}`);
    else if (event.data.texts && event.data.texts.length > 0) onCodes(event.data.texts);
    schedule();
  };
  worker.onerror = (event) => {
    if (!stopped) onError(`The camera decoder could not start (${event.message || 'worker error'}).`);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      worker.terminate();
    },
  };
}
