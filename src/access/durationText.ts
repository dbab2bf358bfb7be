/** A duration in whole hours as people say it: "1 hour", "8 hours", "1 day", "7 days". */
export function durationText(hours: number): string {
  if (hours >= 24 && hours % 24 === 0) {
    const days = hours / 24;
    return days === 1 ? '1 day' : `${days} days`;
  }
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
