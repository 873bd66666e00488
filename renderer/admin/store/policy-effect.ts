import type { EnforcementMode, UsersSummary } from '../../../shared/admin-api';

const users = (n: number) => `${n.toLocaleString()} user${n === 1 ? '' : 's'}`;

/**
 * What a change of enforcement mode does to people, from the users summary (issue #15.4): said
 * before the change is sent, in the confirmation. Counts are over every user on the server.
 */
export function modeChangeEffect(from: EnforcementMode, to: EnforcementMode, summary: UsersSummary | null): string {
  if (!summary) return `The mode changes from ${from} to ${to}. The users summary could not be loaded, so how many people this affects is not known.`;
  const enrolled = summary.enrolled;
  const notEnrolled = Math.max(0, summary.total - enrolled);
  if (to === 'Required') {
    return `${users(notEnrolled)} of ${summary.total.toLocaleString()} ${notEnrolled === 1 ? 'is' : 'are'} not enrolled and must enroll at their next sign-in. ${users(enrolled)} already enrolled keep signing in with a code.`;
  }
  if (to === 'Disabled') {
    return `${users(enrolled)} enrolled stop being asked for a code at sign-in; their authenticators stay enrolled. Nobody is asked to enroll.`;
  }
  if (from === 'Required') {
    return `${users(notEnrolled)} not enrolled no longer have to enroll. ${users(enrolled)} enrolled are still asked for a code at sign-in.`;
  }
  return `${users(enrolled)} enrolled will be asked for a code at sign-in again. ${users(notEnrolled)} not enrolled may enroll if they choose.`;
}
