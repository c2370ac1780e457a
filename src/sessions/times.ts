/**
 * Sessions are booked in UK local time whatever the server's time zone: the clock on the wall
 * where the young person is, including the change to and from British Summer Time.
 */

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** How far ahead of UTC the UK clock is at a moment, in milliseconds. */
function londonOffsetAt(ms: number): number {
  const parts = Object.fromEntries(londonParts.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const wallClock = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return wallClock - Math.floor(ms / 60_000) * 60_000;
}

/** The moment a UK date ('YYYY-MM-DD') and time ('HH:MM') name. */
export function londonInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const wallClock = Date.UTC(year, month - 1, day, hours, minutes);
  // The second pass settles times near a clock change, where the first guess used the other offset.
  const firstGuess = wallClock - londonOffsetAt(wallClock);
  return new Date(wallClock - londonOffsetAt(firstGuess));
}
