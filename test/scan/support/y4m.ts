import type { Canvas } from '../corpus/raster';

/**
 * A YUV4MPEG2 video (the format Chromium's fake capture device reads with
 * --use-file-for-fake-video-capture): a header line, then per frame "FRAME\n" and the planar
 * 4:2:0 planes Y (width x height), U and V (each width/2 x height/2). The picture is grey, so U
 * and V are 128; Y is BT.601 luma of the RGBA canvas.
 */
export function y4mFromCanvas(c: Canvas, frames: number, fps = 15): Buffer {
  if (c.width % 2 || c.height % 2) throw new Error('y4m 4:2:0 needs an even width and height');
  const header = Buffer.from(`YUV4MPEG2 W${c.width} H${c.height} F${fps}:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const ySize = c.width * c.height;
  const frame = Buffer.alloc(6 + ySize + ySize / 2);
  frame.write('FRAME\n', 0, 'ascii');
  for (let i = 0; i < ySize; i++) frame[6 + i] = Math.round(0.299 * c.data[i * 4]! + 0.587 * c.data[i * 4 + 1]! + 0.114 * c.data[i * 4 + 2]!);
  frame.fill(128, 6 + ySize);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}
