import { UserRole } from '@sow/domain';

/** Who is acting: enough for object-level checks and the audit trail. */
export interface Actor {
  userId: string;
  role: UserRole;
  engineerId: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
}
