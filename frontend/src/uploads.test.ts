import { acceptFor, uploadTypeOf } from './uploads';

test('the type to declare: the browser\'s when it gives one, else the extension\'s (HEIC photos and MOV videos often come blank)', () => {
  expect(uploadTypeOf({ name: 'IMG_0001.HEIC', type: '' }, 'request')).toBe('image/heic');
  expect(uploadTypeOf({ name: 'clip.mov', type: 'application/octet-stream' }, 'request')).toBe('video/quicktime');
  expect(uploadTypeOf({ name: 'photo.jpg', type: 'image/jpeg' }, 'form')).toBe('image/jpeg');
  expect(uploadTypeOf({ name: 'permit.pdf', type: 'application/pdf' }, 'form')).toBe('application/pdf');
});

test('what a purpose does not take is refused before any request: a video in a form, a PDF with a request, a web page anywhere', () => {
  expect(uploadTypeOf({ name: 'clip.mp4', type: 'video/mp4' }, 'form')).toBeNull();
  expect(uploadTypeOf({ name: 'permit.pdf', type: 'application/pdf' }, 'request')).toBeNull();
  expect(uploadTypeOf({ name: 'page.html', type: 'text/html' }, 'request')).toBeNull();
  expect(uploadTypeOf({ name: 'photo.jpg', type: 'text/html' }, 'request')).toBeNull();
  expect(acceptFor('form')).toContain('application/pdf');
  expect(acceptFor('request')).toContain('.mov');
});
