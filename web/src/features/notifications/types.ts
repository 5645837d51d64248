export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** An in-app path such as /console/appeals/<id>, or null. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  items: Notification[];
  unread: number;
}
