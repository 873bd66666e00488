import { execFile } from 'node:child_process';
import sharp from 'sharp';
import type { CaptureResult, ScreenCapture } from '../services/scan/scan-ports';

/**
 * ScreenCapture for a bare X11 display (Xvfb in tests, or an X session from the CLI): the root
 * window through ImageMagick's `import -window root`, decoded to RGBA with sharp. The root window
 * spans every monitor of the X screen, so it is returned as one capture.
 */
export class X11ScreenCapture implements ScreenCapture {
  constructor(private readonly display: string = process.env.DISPLAY ?? ':0') {}

  async captureAll(): Promise<CaptureResult> {
    const png = await new Promise<Buffer>((resolve, reject) => {
      execFile('import', ['-window', 'root', '-display', this.display, 'png:-'], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`Capturing X display ${this.display} failed: ${stderr.toString().trim() || error.message}`));
        else resolve(stdout);
      });
    });
    const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return {
      kind: 'captured',
      displays: [
        {
          id: this.display,
          label: `X display ${this.display} (${info.width}x${info.height})`,
          image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) },
        },
      ],
    };
  }
}
