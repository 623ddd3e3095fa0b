/**
 * Express routes for book reservations (holds).
 *
 * A member can place a hold on a title whose copies are all on loan. Holds form a
 * first-come-first-served queue per ISBN; when a copy comes back the first member
 * in the queue is notified and has 3 days to pick it up.
 */
import { Router } from 'express';
import { asyncHandler, HttpError } from '../middleware/error-handler.js';

const PICKUP_WINDOW_DAYS = 3;
const MAX_HOLDS_PER_MEMBER = 5;

export function reservationsRouter({ db, notifier }) {
  const router = Router();

  router.post('/', asyncHandler(async (req, res) => {
    const { isbn } = req.body ?? {};
    const memberId = req.user.id;
    if (typeof isbn !== 'string' || !/^\d{13}$/.test(isbn)) {
      throw HttpError.badRequest('isbn must be 13 digits');
    }
    const active = await db.reservations.countActive(memberId);
    if (active >= MAX_HOLDS_PER_MEMBER) {
      throw HttpError.conflict(`a member may hold at most ${MAX_HOLDS_PER_MEMBER} titles`);
    }
    if (await db.reservations.exists(memberId, isbn)) {
      throw HttpError.conflict('this title is already reserved by you');
    }
    const position = (await db.reservations.queueLength(isbn)) + 1;
    const reservation = await db.reservations.insert({ memberId, isbn, status: 'WAITING', position });
    res.status(201).json(reservation);
  }));

  router.get('/mine', asyncHandler(async (req, res) => {
    res.json(await db.reservations.listForMember(req.user.id));
  }));

  router.delete('/:id', asyncHandler(async (req, res) => {
    const reservation = await db.reservations.findById(req.params.id);
    if (!reservation || reservation.memberId !== req.user.id) {
      throw HttpError.notFound('reservation');
    }
    await db.reservations.cancel(reservation.id);
    await db.reservations.compactQueue(reservation.isbn);
    res.status(204).end();
  }));

  /** Called by the checkout desk when a copy is returned. */
  router.post('/:isbn/copy-returned', asyncHandler(async (req, res) => {
    const next = await db.reservations.firstWaiting(req.params.isbn);
    if (!next) {
      res.json({ notified: null });
      return;
    }
    const pickupBy = new Date(Date.now() + PICKUP_WINDOW_DAYS * 86_400_000);
    await db.reservations.update(next.id, { status: 'READY_FOR_PICKUP', pickupBy });
    await notifier.holdReady(next.memberId, req.params.isbn, pickupBy);
    res.json({ notified: next.memberId, pickupBy });
  }));

  return router;
}
