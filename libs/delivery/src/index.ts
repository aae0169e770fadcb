export * from './delivery.module';
export * from './dto/subscription.dto';
export * from './subscriptions/subscription.service';
export * from './subscriptions/subscription.repository';
