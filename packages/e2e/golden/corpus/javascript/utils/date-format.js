/**
 * 날짜 표시 유틸리티.
 * 서버는 UTC ISO 문자열을 주고, 화면에는 한국 시간(KST) 기준으로 보여준다.
 */

const KST_OFFSET_MINUTES = 9 * 60;
const WEEKDAYS_KO = ['일', '월', '화', '수', '목', '금', '토'];

function pad2(n) {
  return String(n).padStart(2, '0');
}

/** UTC Date -> KST 기준 각 필드 */
function toKstParts(date) {
  const shifted = new Date(date.getTime() + KST_OFFSET_MINUTES * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    weekday: shifted.getUTCDay(),
  };
}

/** 예: formatDate('2024-03-09T15:30:00Z', 'YYYY-MM-DD HH:mm') -> '2024-03-10 00:30' */
export function formatDate(input, pattern = 'YYYY-MM-DD') {
  const date = input instanceof Date ? input : new Date(input);
  if (Number.isNaN(date.getTime())) {
    throw new TypeError(`invalid date: ${input}`);
  }
  const p = toKstParts(date);
  return pattern
    .replace('YYYY', String(p.year))
    .replace('MM', pad2(p.month))
    .replace('DD', pad2(p.day))
    .replace('HH', pad2(p.hour))
    .replace('mm', pad2(p.minute))
    .replace('ddd', WEEKDAYS_KO[p.weekday]);
}

/** '방금 전', '5분 전', '3시간 전', '2일 전' 같은 상대 시간 */
export function formatRelative(input, now = new Date()) {
  const date = input instanceof Date ? input : new Date(input);
  const diffSeconds = Math.round((now.getTime() - date.getTime()) / 1000);
  if (diffSeconds < 0) {
    return formatDate(date, 'YYYY.MM.DD');
  }
  if (diffSeconds < 60) return '방금 전';
  if (diffSeconds < 3600) return `${Math.floor(diffSeconds / 60)}분 전`;
  if (diffSeconds < 86_400) return `${Math.floor(diffSeconds / 3600)}시간 전`;
  if (diffSeconds < 7 * 86_400) return `${Math.floor(diffSeconds / 86_400)}일 전`;
  return formatDate(date, 'YYYY.MM.DD');
}

/** 반납 예정일까지 남은 일수 (D-day). 음수면 연체 일수 */
export function daysUntil(dueDate, now = new Date()) {
  const due = toKstParts(new Date(dueDate));
  const today = toKstParts(now);
  const dueUtc = Date.UTC(due.year, due.month - 1, due.day);
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
  return Math.round((dueUtc - todayUtc) / 86_400_000);
}
